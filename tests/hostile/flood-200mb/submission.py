"""Prints 200 MB (100 MB through print, 100 MB straight to the descriptor), once, then answers wrongly."""

import os
import sys

CHUNK = "flood " * (1 << 20 // 6) + "\n"
DONE = []


def vector_arithmetic(a, b):
    if not DONE:
        DONE.append(True)
        raw = CHUNK.encode()
        for _ in range(100):
            sys.stdout.write(CHUNK)
        for _ in range(100):
            os.write(1, raw)
    return a, b, a, b
