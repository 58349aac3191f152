import math
import random


def power_iteration(A, num_iters):
    n = len(A)
    rows = [[float(x) for x in row] for row in A]
    random.seed(1)
    v = [random.random() + 0.1 for _ in range(n)]
    lam = 0.0
    for _ in range(num_iters):
        w = [sum(rows[i][j] * v[j] for j in range(n)) for i in range(n)]
        lam = sum(v[i] * w[i] for i in range(n)) / sum(x * x for x in v)
        norm = math.sqrt(sum(x * x for x in w))
        v = [x / norm for x in w]
    w = [sum(rows[i][j] * v[j] for j in range(n)) for i in range(n)]
    lam = sum(v[i] * w[i] for i in range(n))
    return lam, v
