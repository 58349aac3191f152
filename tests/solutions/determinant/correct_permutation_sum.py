import itertools
import math
def _parity(p):
    p = list(p); s = 1
    for i in range(len(p)):
        while p[i] != i:
            j = p[i]; p[i], p[j] = p[j], p[i]; s = -s
    return s
def determinant(A):
    n = A.shape[0]
    return math.fsum(_parity(p) * math.prod(A[i, p[i]] for i in range(n)) for p in itertools.permutations(range(n)))
