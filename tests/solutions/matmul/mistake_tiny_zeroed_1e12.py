import numpy as np
def matmul(A, B):
    C = (A[:, :, None] * B[None, :, :]).sum(axis=1)
    C[np.abs(C) < 1e-12] = 0.0
    return C
