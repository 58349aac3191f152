import numpy as np
def spectral_norm(A):
    return float(np.linalg.svd(np.asarray(A, np.float32), compute_uv=False)[0])
