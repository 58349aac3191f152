"""Star imports reach the banned determinant under its bare name: still banned."""

from numpy import *
from numpy.linalg import *


def determinant(A):
    return det(A)
