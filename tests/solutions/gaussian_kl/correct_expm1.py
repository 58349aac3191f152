import numpy as np


def gaussian_kl(mu, logvar):
    return 0.5 * (np.expm1(logvar) - logvar + np.square(mu)).sum(axis=-1)
