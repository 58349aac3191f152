import numpy as np
def frobenius_norm(A):
    m = np.max(np.abs(A))
    if m < 1e-10:
        return 0.0
    B = A / m
    return float(m * np.sqrt(np.sum(B * B)))
