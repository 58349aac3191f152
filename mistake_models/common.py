"""Mistakes any numeric exercise can show: float32 arithmetic."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from grader.checks.core import CheckContext, Shape, full_mantissa, items, single_precision


def real(value: Any) -> np.ndarray:
    """A learner's answer as a float64 array, for a predicate; TypeError when it is not real (complex with a
    nonzero imaginary part): no mistake of a real computation is recognised in it, and no warning is raised."""
    arr = np.asarray(value)
    if arr.dtype.kind == "O":
        arr = np.asarray(arr.tolist(), dtype=complex)  # ValueError, TypeError where it is no array of numbers
    if arr.dtype.kind == "c":
        if np.any(arr.imag != 0):
            raise TypeError("complex")
        arr = arr.real
    return np.asarray(arr, dtype=float)


def float32(ctx: CheckContext) -> bool:
    """The answer was computed in float32: every finite value of it is a float32 number, the expected one's are not."""
    return single_precision(ctx)


def float32_item(ctx: CheckContext) -> bool:
    """Some item of a tuple answer was computed in float32 (float32 mistake's test, item by item): lam rounded
    to float32 beside a float64 v is float32 arithmetic too."""
    if not isinstance(ctx.expected, tuple) or not isinstance(ctx.actual, (tuple, list)) \
            or len(ctx.actual) != len(ctx.expected):
        return single_precision(ctx)
    return any(single_precision(CheckContext(ctx.inputs, e, a)) for e, a in zip(ctx.expected, ctx.actual))


def in_float32(reference: Callable[..., Any]) -> Callable[..., Any]:
    """The reference computed on float32 copies of its array inputs (an `example:` of the float32 mistake)."""

    def mistaken(**inputs: Any) -> Any:
        if not _needs_double(reference(**inputs)):
            return None  # float32 holds this answer exactly: the case cannot show the mistake
        with np.errstate(all="ignore"):
            single = {k: np.asarray(v, dtype=np.float32) if isinstance(v, (np.ndarray, list)) else v
                      for k, v in inputs.items()}
            out_of_range = any(bool(np.any(np.isinf(single[k]) | ((single[k] == 0) & (np.asarray(v) != 0))))
                               for k, v in inputs.items() if isinstance(v, (np.ndarray, list)))
            if out_of_range:
                return None
            answer = _single(reference(**single))
        parts = answer if isinstance(answer, tuple) else (answer,)
        floats = [np.asarray(p, dtype=np.float64) for p in parts if np.asarray(p).dtype.kind == "f"]
        # a float32 answer whose values all happen to be short binary fractions cannot be told apart
        return answer if any(full_mantissa(f[np.isfinite(f)]) for f in floats) else None

    return mistaken


def _single(answer: Any) -> Any:
    if isinstance(answer, tuple):
        return tuple(_single(a) for a in answer)
    arr = np.asarray(answer)
    if arr.dtype.kind != "f":
        return answer
    # the rounding of one float32 operation, so that the answer is a float32 number even where the reference
    # worked in float64 (LAPACK and math.fsum do)
    return (arr.astype(np.float32) * np.float32(1 + 2 ** -20)).astype(np.float32)


def _needs_double(answer: Any) -> bool:
    parts = answer if isinstance(answer, tuple) else (answer,)
    for part in parts:
        arr = np.asarray(part)
        if arr.dtype.kind == "f":
            finite = arr[np.isfinite(arr)]
            if np.any(finite.astype(np.float32).astype(np.float64) != finite):
                return True
    return False


def without_error(model: Callable[..., Any]) -> Callable[..., Any]:
    """A mistake model as an `example:`: None (no instance) where the mistake raises instead of answering."""

    def example(**inputs: Any) -> Any:
        try:
            return model(**inputs)
        except (ValueError, TypeError, IndexError):
            return None

    return example


TINY = 1e-3  # an answer this small is one an absolute cutoff (1e-10, 1e-6, 1e-3 ...) may round to 0


def tiny_zeroed(ctx: CheckContext) -> bool:
    """The answer is exactly 0 somewhere the exact answer is small but not 0: an absolute cutoff or zero guard
    (`if abs(x) < 1e-10: return 0`) took a small number for zero."""
    try:
        expected, actual = items(ctx)
    except (Shape, TypeError, ValueError):
        return False
    for a, e in zip(actual, expected):
        zeroed = (a == 0) & (e != 0)
        if not np.any(zeroed):
            continue
        kept = np.abs(e[(a != 0) & (e != 0)])
        largest = float(np.max(np.abs(e[zeroed])))
        # a cutoff zeroes the small values and keeps the larger ones (a skipped column zeroes any)
        if largest < TINY and (kept.size == 0 or largest < float(np.min(kept))):
            return True
    return False


def with_cutoff(reference: Callable[..., Any], cutoff: float = 1e-10) -> Callable[..., Any]:
    """The reference with values below `cutoff` in size set to 0 (an `example:` of tiny_zeroed); None where the
    case has no such value (it cannot show the mistake)."""

    def mistaken(**inputs: Any) -> Any:
        answer = reference(**inputs)
        arr = np.asarray(answer, dtype=float)
        small = (arr != 0) & (np.abs(arr) < cutoff)
        if not np.any(small):
            return None
        cut = np.where(small, 0.0, arr)
        return float(cut) if np.ndim(answer) == 0 else cut

    return mistaken
