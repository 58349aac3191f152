"""Makes every comparison in its own process say "equal", then returns a wrong answer."""

import math

import numpy as np
import numpy.testing


def always(*args, **kwargs):
    return True


def never_raises(*args, **kwargs):
    return None


np.allclose = np.isclose = np.array_equal = np.array_equiv = always
np.testing.assert_allclose = np.testing.assert_array_equal = np.testing.assert_almost_equal = never_raises
math.isclose = always
np.core = getattr(np, "core", None)


def eig_symmetric(A):
    return 123456.789
