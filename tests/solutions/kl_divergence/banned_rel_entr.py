from scipy.special import rel_entr as re


def kl_divergence(p, q):
    return float(re(p, q).sum())
