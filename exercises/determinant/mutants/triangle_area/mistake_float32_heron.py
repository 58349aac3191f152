"""Heron's formula in float32."""
import numpy as np


def triangle_area(p, q, r):
    p, q, r = (np.asarray(x, dtype=np.float32) for x in (p, q, r))
    a, b, c = np.linalg.norm(q - p), np.linalg.norm(r - q), np.linalg.norm(p - r)
    s = (a + b + c) / 2
    return float(np.sqrt(max(s * (s - a) * (s - b) * (s - c), 0)))
