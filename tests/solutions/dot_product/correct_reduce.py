import functools
import operator


def dot_product(a, b):
    return functools.reduce(operator.add, map(operator.mul, a.tolist(), b.tolist()), 0.0)
