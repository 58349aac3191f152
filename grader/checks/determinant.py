"""Checks for the determinant topic: slogdet's sign and log, and the scale of areas."""

from __future__ import annotations

import numpy as np

from grader.checks.core import CheckContext, Shape, check, close, items, magnitude, scale
from grader.results import Mismatch

SIGN_TOLERANCE = 1e-12


@scale("squared_inputs")
def squared_inputs(ctx: CheckContext) -> float:
    """The largest input magnitude squared: the size of an area or a 2x2 determinant of the inputs."""
    return magnitude(list(ctx.inputs.values())) ** 2


@check("slogdet")
def slogdet(ctx: CheckContext, *, rtol: float = 1e-9) -> Mismatch | None:
    """(sign, log|det A|): the sign exactly, the log within rtol*max(1, |log|) (NUMERICS.md §1A)."""
    try:
        (sign_ref, log_ref), (sign, log) = items(ctx)
    except Shape as exc:
        return exc.mismatch
    found = _sign_mismatch(float(sign_ref), float(sign))
    if found is not None:
        return found
    if np.isneginf(log_ref) and not np.isneginf(log):
        return Mismatch(f"A is singular, so log|det A| is -inf; return (0.0, -inf), not (0.0, {float(log):.6g})",
                        where="item 1 of the result")
    return close(log, log_ref, 0.0, rtol * max(1.0, abs(float(log_ref))) if np.isfinite(log_ref) else 0.0,
                 "item 1 of the result (log|det A|)")


def _sign_mismatch(expected: float, actual: float) -> Mismatch | None:
    """A mismatch if the returned sign is not the expected 1.0, -1.0 or 0.0."""
    if np.isfinite(actual) and abs(actual - expected) <= SIGN_TOLERANCE:
        return None
    where = "item 0 of the result (the sign)"
    if not np.isfinite(actual) or min(abs(actual - s) for s in (-1.0, 0.0, 1.0)) > SIGN_TOLERANCE:
        return Mismatch(f"the sign must be 1.0, -1.0 or 0.0 (for a singular matrix), got {actual:.6g}", where=where)
    if expected == 0.0:
        return Mismatch(f"A is singular, so the sign is 0.0; got {actual:g}", where=where)
    if actual == 0.0:
        return Mismatch(f"the sign is 0.0, but A is not singular (det A has sign {expected:g}); a determinant "
                        "that underflows to 0 in float64 is still nonzero", where=where)
    return Mismatch(f"the sign of det A is {expected:g}, got {actual:g}", where=where)
