def lp_norm(x, p):
    values = [float(v) for v in x]
    if p == float("inf"):
        return max(values)
    return sum(v ** p for v in values) ** (1 / p)
