import numpy as np


def gaussian_kl(mu, logvar):
    return 0.5 * np.sum(np.exp(logvar) + mu ** 2 - 1 - logvar, axis=1, keepdims=True)
