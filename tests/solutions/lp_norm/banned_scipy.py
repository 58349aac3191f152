import importlib


def lp_norm(x, p):
    la = importlib.import_module("scipy.linalg")
    return float(la.norm(x, p))
