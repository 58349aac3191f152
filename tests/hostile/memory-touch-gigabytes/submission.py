"""Allocates and touches gigabytes, one GiB block at a time."""

import numpy as np


def determinant(A):
    blocks = []
    for _ in range(8):
        block = np.empty(1 << 27)  # 1 GiB of float64
        block.fill(1.0)  # touch every page
        blocks.append(block)
    return float(sum(b.sum() for b in blocks))
