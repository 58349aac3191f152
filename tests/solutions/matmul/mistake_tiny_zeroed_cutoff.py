import numpy as np
def matmul(A, B):
    C = np.sum(A[:, :, None] * B[None, :, :], axis=1)
    C[np.abs(C) < 1e-10] = 0.0
    return C
