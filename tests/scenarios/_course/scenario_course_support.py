"""Frozen generators and references for the golden scenarios' own small course.

The scenarios test the engine, so they must not change when the shipped course evolves.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def vector_pair(rng: np.random.Generator, n: tuple[int, int] = (1, 10)) -> dict[str, Any]:
    size = int(rng.integers(n[0], n[1] + 1))
    a = rng.uniform(-1, 1, size) * np.exp(rng.uniform(np.log(0.1), np.log(10)))
    b = np.sign(rng.uniform(-1, 1, size)) * rng.uniform(0.1, 1, size) * np.exp(rng.uniform(np.log(0.1), np.log(10)))
    return {"a": a, "b": b}


def square_matrix(rng: np.random.Generator, n: tuple[int, int] = (1, 6)) -> dict[str, Any]:
    size = int(rng.integers(n[0], n[1] + 1))
    q1, _ = np.linalg.qr(rng.standard_normal((size, size)))
    q2, _ = np.linalg.qr(rng.standard_normal((size, size)))
    s = np.exp(rng.uniform(-np.log(100), 0, size))
    return {"A": (q1 * s) @ q2.T * rng.uniform(0.5, 5)}


def symmetric(rng: np.random.Generator, n: tuple[int, int] = (3, 6)) -> dict[str, Any]:
    size = int(rng.integers(n[0], n[1] + 1))
    q, _ = np.linalg.qr(rng.standard_normal((size, size)))
    lam = np.sort(rng.uniform(-1, 1, size)) + 0.3 * np.arange(size)
    a = (q * lam) @ q.T
    return {"A": (a + a.T) / 2}


def vector_arithmetic(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, ...]:
    return a + b, a - b, a * b, a / b


def quotient_reversed(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, ...]:
    return a + b, a - b, a * b, b / a


def determinant(A: np.ndarray) -> float:
    return float(np.linalg.det(A))


def determinant_abs(A: np.ndarray) -> float:
    return abs(float(np.linalg.det(A)))


def eig_symmetric(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    w, v = np.linalg.eigh(A)
    return w, v
