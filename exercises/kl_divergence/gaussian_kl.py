import numpy as np


def gaussian_kl(mu: np.ndarray, logvar: np.ndarray) -> np.ndarray:
    """Per-row KL(N(mu, diag(exp(logvar))) || N(0, I)) for (b, d) arrays mu and logvar.

    logvar is the log of the variance. Return a (b,) array whose entry i is
    0.5 * sum_j (exp(logvar[i, j]) + mu[i, j]**2 - 1 - logvar[i, j]).
    """
    raise NotImplementedError("return one KL value per row, shape (b,)")
