import numpy as np
import scipy.linalg as sl
def power_iteration(A, num_iters):
    U, s, Vt = sl.svd(A)
    v = Vt[0]
    return v @ A @ v, v
