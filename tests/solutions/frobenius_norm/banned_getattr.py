import numpy


def frobenius_norm(A):
    linalg = getattr(numpy, "linalg")
    return getattr(linalg, "no" + "rm")(A, "fro")
