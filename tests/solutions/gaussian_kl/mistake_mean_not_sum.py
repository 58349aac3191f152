import numpy as np


def gaussian_kl(mu, logvar):
    return 0.5 * np.mean(np.exp(logvar) + mu ** 2 - 1 - logvar, axis=1)
