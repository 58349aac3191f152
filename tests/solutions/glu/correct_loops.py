import math


def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def glu(x, W, V):
    b, d = x.shape
    h = W.shape[1]
    out = []
    for i in range(b):
        row = []
        for j in range(h):
            a = sum(x[i, k] * W[k, j] for k in range(d))
            z = sum(x[i, k] * V[k, j] for k in range(d))
            row.append(a * sigmoid(z))
        out.append(row)
    return out
