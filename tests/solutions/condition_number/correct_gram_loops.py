import math

import numpy as np


def condition_number(A):
    # Gram matrix A^T A by hand, then its extreme eigenvalues
    n = len(A)
    gram = [[sum(A[k][i] * A[k][j] for k in range(n)) for j in range(n)] for i in range(n)]
    w = sorted(np.linalg.eigvals(np.array(gram)).real)
    return math.sqrt(w[-1] / w[0])
