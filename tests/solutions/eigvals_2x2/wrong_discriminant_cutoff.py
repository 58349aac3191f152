import numpy as np
def eigvals_2x2(A):
    tr = A[0, 0] + A[1, 1]; det = A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]
    disc = tr * tr - 4 * det
    if abs(disc) < 1e-12:
        disc = 0.0
    r = np.sqrt(complex(disc))
    return np.array([(tr + r) / 2, (tr - r) / 2])
