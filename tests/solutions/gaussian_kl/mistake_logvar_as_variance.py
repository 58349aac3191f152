import numpy as np


def gaussian_kl(mu, logvar):
    return -0.5 * np.sum(1 + logvar - mu ** 2 - logvar, axis=1)
