"""operator.imatmul is the @= operator as a function."""

import operator
import numpy as np

def matmul(A, B):
    m, k = A.shape
    n = B.shape[1]
    s = max(m, k, n)
    C = np.zeros((s, s)); C[:m, :k] = A
    D = np.zeros((s, s)); D[:k, :n] = B
    return operator.imatmul(C, D)[:m, :n]
