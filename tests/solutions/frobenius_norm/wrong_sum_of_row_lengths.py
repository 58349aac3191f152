import numpy as np
def frobenius_norm(A):
    return float(np.sum(np.sqrt(np.sum(A**2, axis=1))))
