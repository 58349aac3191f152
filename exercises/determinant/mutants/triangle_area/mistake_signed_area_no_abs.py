"""Half the determinant of the edge vectors, without its absolute value."""
import numpy as np


def triangle_area(p, q, r):
    u, v = q - p, r - p
    return 0.5 * (u[0] * v[1] - u[1] * v[0])
