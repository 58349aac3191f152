import numpy as np


def eigvals_2x2(A: np.ndarray) -> np.ndarray:
    """The two eigenvalues of a real 2x2 matrix A, as an array of shape (2,), in any order.

    They are the roots of the characteristic polynomial lam**2 - tr(A)*lam + det(A). Where
    tr(A)**2 - 4*det(A) < 0 they are a complex conjugate pair: return a complex array then
    (a real array is fine when both are real). np.linalg.eig*, np.roots, np.poly and the
    other eigen-solvers are not allowed.
    """
    raise NotImplementedError("return the 2 eigenvalues")
