import numpy as np
def eigvals_2x2(A):
    tr = A[0, 0] + A[1, 1]; det = A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]
    disc = tr * tr - 4 * det
    if abs(disc) < 1e-7:        # "treat tiny discriminants as a double root"
        disc = 0.0
    r = np.sqrt(disc + 0j)
    return np.array([(tr + r) / 2, (tr - r) / 2])
