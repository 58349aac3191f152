"""np.correlate's C function, called by its own name: numpy._core.multiarray.correlate2."""

from numpy._core import multiarray as m

def dot_product(a, b):
    return float(m.correlate2(a, b, 0)[0])
