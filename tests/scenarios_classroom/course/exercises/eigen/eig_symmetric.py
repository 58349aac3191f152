import numpy as np


def eig_symmetric(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigen-decomposition of a real symmetric matrix A (n x n).

    Return (w, V): w holds the n eigenvalues in ascending order, and the columns
    of V are matching orthonormal eigenvectors, so that A @ V == V @ np.diag(w)
    and V.T @ V == I. Each eigenvector may have either sign.
    """
    raise NotImplementedError("return (w, V)")
