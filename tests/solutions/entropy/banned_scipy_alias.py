from scipy.stats import entropy as shannon


def entropy(p, base=2.0):
    return float(shannon(p, base=base))
