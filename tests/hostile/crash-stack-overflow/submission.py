"""Lifts the recursion limit and recurses through C (map) until the C stack overflows."""

import sys


def deeper(n):
    return list(map(deeper, [n + 1]))


def determinant(A):
    sys.setrecursionlimit(10 ** 8)
    return deeper(0)
