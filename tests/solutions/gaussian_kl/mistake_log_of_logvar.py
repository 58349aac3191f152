import numpy as np


def gaussian_kl(mu, logvar):
    var = logvar
    return 0.5 * np.sum(var + mu ** 2 - 1 - np.log(var), axis=1)
