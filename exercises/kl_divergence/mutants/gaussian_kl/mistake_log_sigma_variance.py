"""logvar read as log(sigma): variance exp(2 logvar)."""
import numpy as np


def gaussian_kl(mu, logvar):
    return 0.5 * np.sum(np.exp(2 * logvar) + mu ** 2 - 1 - 2 * logvar, axis=1)
