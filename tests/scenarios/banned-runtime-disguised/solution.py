import importlib


def determinant(A):
    module = importlib.import_module("numpy." + "lin" + "alg")
    return float(getattr(module, "d" + "et")(A))
