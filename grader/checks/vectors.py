"""Problem scales for the atol of `allclose` in the vector and matrix exercises.

Rounding in a sum of products is bounded by (number of terms) * eps * sum |a_i b_i|, not by
the size of the result, which cancellation can make arbitrarily small. These scales give
`allclose` that bound, so loops, pairwise sums and BLAS all pass while float32 fails.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.checks.core import CheckContext, magnitude, scale


def first_inputs(ctx: CheckContext, count: int) -> list[np.ndarray]:
    """The first `count` inputs of a case, in call order, as float arrays."""
    values: list[Any] = list(ctx.inputs.values())[:count]
    return [np.asarray(v, dtype=float) for v in values]


@scale("input0")
def input0_scale(ctx: CheckContext) -> float:
    """The largest magnitude in the first input (the data the answer is made from)."""
    return magnitude(first_inputs(ctx, 1))


@scale("matmul_terms")
def matmul_terms_scale(ctx: CheckContext) -> float:
    """Inner length times the largest entry of |A| @ |B| (first two inputs; vectors give a dot)."""
    a, b = (np.abs(x) for x in first_inputs(ctx, 2))
    if a.size == 0 or b.size == 0:
        return 1.0
    terms = np.matmul(a, b)
    inner = a.shape[-1] if a.ndim else 1
    return float(max(inner * np.max(terms), np.finfo(float).tiny))


@scale("projection")
def projection_scale(ctx: CheckContext) -> float:
    """Length times |a| (first input): the projection of a is no longer than a."""
    (a,) = first_inputs(ctx, 1)
    return float(max(a.size * np.sqrt(np.sum(a * a)), np.finfo(float).tiny))
