"""`from numpy import *` (it pulls in numpy.testing, numpy.f2py ...: unittest, subprocess): a common idiom
that must grade like `import numpy as np`."""

from numpy import *


def vector_arithmetic(a, b):
    return add(a, b), subtract(a, b), multiply(a, b), divide(a, b)
