import numpy as np


def qr_decompose(A):
    m, n = A.shape
    R = np.array(A, dtype=float)
    Qt = np.eye(m)
    for j in range(n):
        for i in range(m - 1, j, -1):
            a, b = R[i - 1, j], R[i, j]
            if b == 0.0:
                continue
            r = np.hypot(a, b)
            c, s = a / r, b / r
            G = np.array([[c, s], [-s, c]])
            R[[i - 1, i], :] = G @ R[[i - 1, i], :]
            Qt[[i - 1, i], :] = G @ Qt[[i - 1, i], :]
    signs = np.where(np.diag(R[:n]) < 0, -1.0, 1.0)
    return Qt[:n].T * signs, np.triu(R[:n]) * signs[:, None]
