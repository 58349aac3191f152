"""Reference solutions for the vectors topic, and the mistaken answers its mistake rules match."""

from __future__ import annotations

import numpy as np


def vector_arithmetic(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Elementwise sum, difference, product and quotient."""
    return a + b, a - b, a * b, a / b


def vector_arithmetic_reversed_division(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, ...]:
    """Mistake: b / a instead of a / b."""
    return a + b, a - b, a * b, b / a


def vector_arithmetic_floor_division(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, ...]:
    """Mistake: floor division a // b instead of true division."""
    return a + b, a - b, a * b, a // b


# ----------------------------------------------------------------- dot product


def dot_product(a: np.ndarray, b: np.ndarray) -> float:
    """The dot product sum_i a_i b_i."""
    return float(np.dot(a, b))


def dot_elementwise(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Mistake: the elementwise products, never summed."""
    return a * b


def dot_mean(a: np.ndarray, b: np.ndarray) -> float:
    """Mistake: the mean of the products instead of their sum."""
    return float(np.mean(a * b))


def dot_product_of_sums(a: np.ndarray, b: np.ndarray) -> float:
    """Mistake: (sum a)(sum b), the sum of every pairwise product a_i b_j."""
    return float(np.sum(a) * np.sum(b))


# ----------------------------------------------------------------- cosine similarity


def _norm(x: np.ndarray) -> float:
    return float(np.sqrt(np.dot(x, x)))


def cosine_similarity(a: np.ndarray, b: np.ndarray) -> float:
    """a . b / (|a| |b|)."""
    return float(np.dot(a, b) / (_norm(a) * _norm(b)))


def cosine_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Mistake: 1 - cos, the cosine distance (scipy.spatial.distance.cosine)."""
    return 1.0 - cosine_similarity(a, b)


def cosine_angle(a: np.ndarray, b: np.ndarray) -> float:
    """Mistake: the angle arccos(cos) in radians."""
    return float(np.arccos(np.clip(cosine_similarity(a, b), -1.0, 1.0)))


def cosine_squared_norms(a: np.ndarray, b: np.ndarray) -> float:
    """Mistake: divided by |a|^2 |b|^2 (squared norms, square root forgotten)."""
    return float(np.dot(a, b) / (np.dot(a, a) * np.dot(b, b)))


# ----------------------------------------------------------------- projection


def projection_coefficient(a: np.ndarray, b: np.ndarray) -> float:
    """(a . b) / (b . b): how many b's the projection of a is."""
    return float(np.dot(a, b) / np.dot(b, b))


def vector_projection(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The projection (a . b / b . b) b of a onto the line of b."""
    return projection_coefficient(a, b) * b


def projection_onto_a(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Mistake: b projected onto a (arguments swapped)."""
    return vector_projection(b, a)


def projection_unnormalized(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Mistake: (a . b) b, the division by b . b forgotten."""
    return float(np.dot(a, b)) * b


def projection_divided_by_length(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Mistake: (a . b / |b|) b, divided by the length of b instead of its square."""
    return float(np.dot(a, b)) / _norm(b) * b


def projection_scalar(a: np.ndarray, b: np.ndarray) -> float:
    """Mistake: the scalar projection a . b / |b| (a signed length, not a vector)."""
    return float(np.dot(a, b)) / _norm(b)


def projection_rejection(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Mistake: a minus its projection, the component of a orthogonal to b."""
    return a - vector_projection(a, b)
