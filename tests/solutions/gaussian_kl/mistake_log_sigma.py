import numpy as np


def gaussian_kl(mu, logvar):
    sigma = np.exp(logvar)
    return 0.5 * np.sum(sigma ** 2 + mu ** 2 - 1 - 2 * np.log(sigma), axis=1)
