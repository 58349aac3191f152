import numpy as np


def dot_product(a: np.ndarray, b: np.ndarray) -> float:
    """The dot product of two vectors a and b of the same length n (n >= 1), as a float.

    a . b = a[0]*b[0] + a[1]*b[1] + ... + a[n-1]*b[n-1]: multiply entry by entry,
    then add up the products. Compute it yourself: np.dot, np.inner, np.vdot,
    np.matmul, np.einsum, np.tensordot, np.vecdot, the .dot method and the @
    operator are not allowed.
    """
    raise NotImplementedError("compute the dot product of a and b")
