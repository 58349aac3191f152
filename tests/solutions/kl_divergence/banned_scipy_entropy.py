import scipy.stats


def kl_divergence(p, q):
    return scipy.stats.entropy(p, q)
