import numpy as np
import scipy.special as sp


def entropy(p, base=2.0):
    p = np.asarray(p, dtype=float) / np.sum(p)
    return float(np.sum(sp.entr(p)) / np.log(base))
