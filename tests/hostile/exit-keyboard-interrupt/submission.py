"""Pretends the user pressed Ctrl-C."""


def vector_arithmetic(a, b):
    raise KeyboardInterrupt
