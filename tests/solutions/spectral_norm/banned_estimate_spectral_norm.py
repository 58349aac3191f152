"""scipy.linalg.interpolative estimates the spectral norm by randomized power iteration: the answer itself."""

import numpy as np
from scipy.linalg import interpolative

def spectral_norm(A):
    return float(interpolative.estimate_spectral_norm(np.asarray(A, dtype=float), its=100))
