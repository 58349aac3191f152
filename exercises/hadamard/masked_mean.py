import numpy as np


def masked_mean(X: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The mean of each row of X over the entries where mask is 1: X, mask (m, n) -> (m,).

    mask holds only 0.0 and 1.0 and has the shape of X. Entry i of the result is the
    average of X[i, j] over the j with mask[i, j] == 1; a row whose mask has no 1
    gives 0.0 (not NaN).
    """
    raise NotImplementedError("average each row of X where mask is 1")
