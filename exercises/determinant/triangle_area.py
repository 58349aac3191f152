import numpy as np


def triangle_area(p: np.ndarray, q: np.ndarray, r: np.ndarray) -> float:
    """The area of the triangle with 2-D vertices p, q and r (each of shape (2,)), as a float.

    Compute it with a determinant: the edge vectors q - p and r - p span a parallelogram
    whose area is |det| of the 2x2 matrix they form, and the triangle is half of it. The
    area is never negative, whatever the order of the vertices.
    """
    raise NotImplementedError("return the area")
