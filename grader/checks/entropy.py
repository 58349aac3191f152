"""Checks for information quantities (entropies and divergences, NUMERICS.md §1C): an absolute
tolerance, and plain-words explanations when NaN or inf appear where they should not (or do not
appear where the answer is infinite)."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any, Mapping

import numpy as np

from grader.checks.core import CheckContext, Shape, allclose, apart, check, items, magnitude, scale, tolerance
from grader.results import Mismatch

NEARLY = 1e-6  # a relative difference below this, yet above the tolerance, is a small perturbation


@scale("inputs_or_one")
def inputs_or_one(ctx: CheckContext) -> float:
    """max(1, the largest finite magnitude among the inputs): u * max(1, max|z|) for logits."""
    return max(1.0, magnitude(list(ctx.inputs.values())))


@check("information")
def information(ctx: CheckContext, *, rtol: float = 0.0, atol: float = 4.5e3,
               atol_scale: str = "one") -> Mismatch | None:
    """A scalar within atol * eps * scale of the reference (default about 1e-12 absolute); an
    infinite answer must be the same infinity, and NaN or inf in place of a finite answer is explained."""
    found = allclose(ctx, rtol=rtol, atol=atol, atol_scale=atol_scale)
    if found is None:
        return None
    try:
        (expected,), (actual,) = items(ctx)
    except (Shape, ValueError):
        return found
    if expected.shape != ():
        return found
    allowed = tolerance(ctx, atol, atol_scale) + rtol * abs(float(expected))
    summary = explain(float(expected), float(actual), ctx.inputs, allowed)
    return found if summary is None else replace(found, summary=summary)


def explain(expected: float, actual: float, inputs: Mapping[str, Any], allowed: float) -> str | None:
    """Why a NaN, an infinity (present or missing) or a tiny offset is wrong, in words; None otherwise."""
    if math.isnan(actual):
        return (f"the result is NaN, but the answer is {apart(expected, expected)[0]}: a 0 * log(0) (or inf - inf "
                "from an overflowing exp) turned into NaN; entries with probability 0 must contribute exactly 0")
    if math.isinf(expected) and not math.isinf(actual):
        where = infinite_term(inputs)
        return (f"the answer is inf{where}, but you returned {actual:.10g}: return inf there (skipping the terms "
                "where q is 0, adding a small epsilon to q or clipping it all hide the infinity)")
    if math.isinf(actual) and not math.isinf(expected):
        return (f"the result is {actual}, but the answer is finite ({apart(expected, expected)[0]}): a term with "
                "probability 0 must contribute 0 even where its log is -inf, and exp must not overflow")
    if abs(actual - expected) < NEARLY * max(1.0, abs(expected)):
        return ("the result is {}, but the answer is {}: they differ by ".format(*apart(actual, expected, 16)) +
                f"{abs(actual - expected):.2g}, more than rounding explains ({allowed:.2g} is allowed); a small "
                "epsilon added inside a log, clipping, or float32 arithmetic shifts the answer this much")
    return None


def infinite_term(inputs: Mapping[str, Any]) -> str:
    """' because q[i] = 0 where p[i] > 0' for the first such index, or '' without p and q."""
    if "p" not in inputs or "q" not in inputs:
        return ""
    p = np.asarray(inputs["p"], dtype=float).reshape(-1)
    q = np.asarray(inputs["q"], dtype=float).reshape(-1)
    if p.shape != q.shape:
        return ""
    hits = np.flatnonzero((q == 0) & (p > 0))
    if hits.size == 0:
        return ""
    i = int(hits[0])
    return f" because q[{i}] = 0 where p[{i}] = {p[i]:.4g} > 0 (that term, -p log q, is infinite)"
