import numpy


def least_squares(A, b):
    return getattr(numpy.linalg, "pinv")(A) @ b
