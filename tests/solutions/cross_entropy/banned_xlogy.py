from scipy import special


def cross_entropy(p, q):
    return -float(special.xlogy(p, q).sum())
