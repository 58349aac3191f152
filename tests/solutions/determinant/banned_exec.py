import importlib


def determinant(A):
    la = importlib.import_module("numpy." + "linalg")
    scope = {"la": la, "A": A}
    exec("r = la.slogdet(A)", scope)
    sign, logdet = scope["r"]
    return float(sign) * float(__import__("math").exp(logdet))
