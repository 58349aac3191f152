def dot_product(a, b):
    scope = {"a": a, "b": b}
    exec("r = a " + chr(64) + " b", scope)
    return float(scope["r"])
