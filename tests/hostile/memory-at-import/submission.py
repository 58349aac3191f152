"""Allocates 6 GiB while being imported."""

HOARD = bytearray(6 << 30)


def determinant(A):
    return 0.0
