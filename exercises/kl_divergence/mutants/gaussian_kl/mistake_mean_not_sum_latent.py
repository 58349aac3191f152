"""The mean over the latent dimensions."""
import numpy as np


def gaussian_kl(mu, logvar):
    return -0.5 * np.mean(1 + logvar - mu ** 2 - np.exp(logvar), axis=1)
