"""The plain row means: the mask ignored."""
import numpy as np


def masked_mean(X, mask):
    return X.mean(axis=1)
