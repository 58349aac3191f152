"""Generators for the hadamard topic: same-shaped pairs, GLU inputs with huge pre-activations, masks."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.generators.core import Range, generator, pick_float, pick_int
from grader.generators.matrices import distinct_sizes, mixed_matrix


@generator("same_shape_pair")
def same_shape_pair(rng: np.random.Generator, m: Range = (1, 6), n: Range = (1, 6), square: float = 0.3,
                    scales: Range = (1e-2, 1e2)) -> dict[str, Any]:
    """A and B of one shape, independent scales; a fraction `square` n x n (n >= 2), else m != n."""
    if rng.uniform() < square:
        rows = cols = max(2, pick_int(rng, n))
    else:
        rows, cols = distinct_sizes(rng, [m, n])
    return {"A": mixed_matrix(rng, (rows, cols), scales), "B": mixed_matrix(rng, (rows, cols), scales)}


def scale_columns_to(rng: np.random.Generator, z: np.ndarray, peaks: np.ndarray, positive: np.ndarray) -> np.ndarray:
    """Factors that make max |z[:, j]| equal peaks[j], the peak's sign positive where asked."""
    top = np.argmax(np.abs(z), axis=0)
    peak_values = z[top, np.arange(z.shape[1])]
    signs = np.where(positive, np.sign(peak_values), rng.choice([-1.0, 1.0], z.shape[1]))
    return peaks / np.where(peak_values == 0, 1.0, np.abs(peak_values)) * np.where(signs == 0, 1.0, signs)


OVERFLOW = 720.0  # exp(z) overflows float64 for z > 709.78


@generator("glu_inputs")
def glu_inputs(rng: np.random.Generator, batch: Range = (1, 5), d: Range = (2, 6), h: Range = (1, 5),
               saturated: float = 0.6, peak: Range = (600.0, 800.0), scales: Range = (1e-1, 1e1)) -> dict[str, Any]:
    """x (b, d), W and V (d, h); with probability `saturated` some columns of x @ V reach |z| in `peak`.

    The first saturated column peaks at +720..800, where exp(z) overflows float64; the other
    columns give moderate pre-activations (|z| <= 5), where the gate is far from 0 and 1.
    """
    rows, inner, cols = pick_int(rng, batch), pick_int(rng, d), pick_int(rng, h)
    x = rng.uniform(-1.0, 1.0, (rows, inner))
    W = mixed_matrix(rng, (inner, cols), scales)
    V = rng.uniform(-1.0, 1.0, (inner, cols))
    hot = np.zeros(cols, dtype=bool)
    if rng.uniform() < saturated:
        hot = rng.uniform(size=cols) < 0.5
        hot[int(rng.integers(cols))] = True
    peaks = np.array([pick_float(rng, peak) if is_hot else pick_float(rng, (0.5, 5.0)) for is_hot in hot])
    positive = np.zeros(cols, dtype=bool)
    if hot.any():
        first = int(np.argmax(hot))
        positive[first] = True
        low, high = (peak, peak) if isinstance(peak, (int, float)) else peak
        peaks[first] = pick_float(rng, (max(low, OVERFLOW), max(high, OVERFLOW)))
    V = V * scale_columns_to(rng, x @ V, peaks, positive)
    return {"x": x, "W": W, "V": V}


@generator("masked_rows")
def masked_rows(rng: np.random.Generator, m: Range = (2, 8), n: Range = (2, 8), empty_rows: float = 0.5,
                scales: Range = (1e-2, 1e2)) -> dict[str, Any]:
    """X (m, n) and a 0/1 float mask of density 0.3-0.8; with probability empty_rows, 1-2 rows have no 1."""
    rows, cols = distinct_sizes(rng, [m, n])
    X = mixed_matrix(rng, (rows, cols), scales)
    mask = (rng.uniform(size=(rows, cols)) < pick_float(rng, (0.3, 0.8))).astype(float)
    if rows > 1 and rng.uniform() < empty_rows:
        mask[rng.choice(rows, size=int(rng.integers(1, min(2, rows - 1) + 1)), replace=False)] = 0.0
    return {"X": X, "mask": mask}
