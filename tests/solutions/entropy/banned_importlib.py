import importlib

import numpy as np


def entropy(p, base=2.0):
    special = importlib.import_module("scipy.special")
    p = np.asarray(p, dtype=float) / np.sum(p)
    return float(np.sum(special.entr(p)) / np.log(base))
