import numpy as np


def entropy(p, base=2.0):
    # H = log S - sum(x log x) / S for x = p unnormalized with S = sum(x)
    x = np.asarray(p, dtype=float)
    s = x.sum()
    nz = x[x > 0]
    return (np.log(s) - np.dot(nz, np.log(nz)) / s) / np.log(base)
