import numpy as np
def condition_number(A):
    Ai = np.linalg.inv(A)
    return float(np.max(np.sum(np.abs(A), axis=1)) * np.max(np.sum(np.abs(Ai), axis=1)))
