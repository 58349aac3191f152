import numpy as np
def dot_product(a, b):
    s = float(np.sum(a * b))
    return 0.0 if abs(s) < 1e-12 else s
