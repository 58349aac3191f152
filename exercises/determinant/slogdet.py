import numpy as np


def slogdet(A: np.ndarray) -> tuple[float, float]:
    """The sign and the natural log of the absolute value of det(A), for a square A.

    Return (sign, logabsdet) with det(A) == sign * exp(logabsdet): sign is 1.0 or -1.0,
    and for a singular A return (0.0, -inf). Some inputs have determinants around 1e+400
    or 1e-400, beyond float64, so never form det(A) itself: eliminate with row swaps and
    add up log|pivot| while tracking the sign. np.linalg.det, np.linalg.slogdet and
    scipy.linalg.det are not allowed.
    """
    raise NotImplementedError("return (sign, logabsdet)")
