"""Dereferences a null pointer through ctypes."""

import ctypes


def vector_arithmetic(a, b):
    ctypes.string_at(0)
