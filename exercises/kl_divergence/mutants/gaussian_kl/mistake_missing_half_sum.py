"""sum(exp(lv) + mu^2 - 1 - lv) without the 1/2."""
import numpy as np


def gaussian_kl(mu, logvar):
    return np.sum(np.exp(logvar) + mu ** 2 - 1 - logvar, axis=1)
