"""Recurses forever (Python's recursion limit stops it)."""


def vector_arithmetic(a, b):
    return vector_arithmetic(b, a)
