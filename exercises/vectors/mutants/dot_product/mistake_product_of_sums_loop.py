"""sum(a) * sum(b)."""
def dot_product(a, b):
    return float(sum(a)) * float(sum(b))
