import numpy as np


def condition_number(A: np.ndarray) -> float:
    """2-norm condition number of a nonsingular square matrix A.

    Return kappa(A) = ||A||_2 * ||A^-1||_2 = sigma_max / sigma_min, the ratio of the largest
    to the smallest singular value of A, as a float. np.linalg.cond is not allowed.
    """
    raise NotImplementedError("return sigma_max / sigma_min")
