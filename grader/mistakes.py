"""Recognise known mistakes on a failing case, and make instances of them for validation.

A rule is one of:
- `fix`: transforms that turn the mistake into a correct answer. The mistake is recognised
  when the learner's answer, so transformed, passes the exercise's own check.
- `matches`: a function of the inputs computing the mistaken answer; recognised when the
  learner's answer is close to it.
- `when`: a predicate (`nonfinite`, or a function of the check context).

A `matches` rule also names an error: when the learner's code raises, and the mistaken answer's
function raises the same type of error on the same inputs (a transposed weight matrix in a matrix
product, say), the error is that mistake. Where an error was expected and the learner's code returned a value, a `matches` rule whose
function returns that value names it. A `nonfinite` rule also names the errors Python raises where numpy
would give inf or NaN (ZeroDivisionError, OverflowError, FloatingPointError).
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

import numpy as np

from grader.checks.core import CheckContext, Shape, allclose, items
from grader.definition import FixOp, MistakeRule
from grader.dotted import resolve
from grader.inputs import fresh
from grader.results import Mismatch

CheckFn = Callable[[CheckContext], "Mismatch | None"]


def _transpose(x: np.ndarray, op: FixOp) -> np.ndarray:
    return np.swapaxes(x, -1, -2) if x.ndim >= 2 else x


def _negate(x: np.ndarray, op: FixOp) -> np.ndarray:
    return -x


def _scale(x: np.ndarray, op: FixOp) -> np.ndarray:
    return x * (op.factor if op.factor is not None else 1.0)


def _reverse(x: np.ndarray, op: FixOp) -> np.ndarray:
    return x[::-1] if x.ndim else x


def _reverse_columns(x: np.ndarray, op: FixOp) -> np.ndarray:
    return x[..., ::-1] if x.ndim else x


def _normalize_columns(x: np.ndarray, op: FixOp) -> np.ndarray:
    norms = np.linalg.norm(x, axis=0, keepdims=True) if x.ndim >= 2 else np.linalg.norm(x)
    return x / np.where(norms == 0, 1.0, norms)


def _sqrt(x: np.ndarray, op: FixOp) -> np.ndarray:
    return np.sqrt(x)


def _square(x: np.ndarray, op: FixOp) -> np.ndarray:
    return np.square(x)


def _ravel(x: np.ndarray, op: FixOp) -> np.ndarray:
    return x.reshape(-1)


def _column(x: np.ndarray, op: FixOp) -> np.ndarray:
    return x.reshape(-1, 1)


ARRAY_OPS: dict[str, Callable[[np.ndarray, FixOp], np.ndarray]] = {
    "transpose": _transpose, "negate": _negate, "scale": _scale, "reverse": _reverse,
    "reverse_columns": _reverse_columns, "normalize_columns": _normalize_columns, "sqrt": _sqrt, "square": _square,
    "ravel": _ravel, "column": _column,  # column: only the inverse of ravel (an extra axis kept)
}
# the op that undoes each one, to make an instance of a mistake from a correct answer
INVERSE = {"transpose": "transpose", "negate": "negate", "scale": "scale", "reverse": "reverse",
           "reverse_columns": "reverse_columns", "sqrt": "square", "square": "sqrt",
           "swap_items": "swap_items", "normalize_columns": "scale",
           "ravel": "column"}
# an op without an exact inverse is undone by this stand-in (any unnormalized answer will do)
INVERSE_FACTOR = {"normalize_columns": 2.0}


def apply(answer: Any, ops: tuple[FixOp, ...]) -> Any:
    """Apply transforms to an answer (a value, or a tuple/list of values)."""
    for op in ops:
        answer = _apply_one(answer, op)
    return answer


def _apply_one(answer: Any, op: FixOp) -> Any:
    if op.op == "swap_items":
        seq = list(answer)
        i, j = op.items[:2]
        seq[i], seq[j] = seq[j], seq[i]
        return tuple(seq)
    if op.op == "select":
        seq = list(answer)
        return tuple(seq[i] for i in op.items) if len(op.items) > 1 else seq[op.items[0]]
    func = ARRAY_OPS[op.op]
    if op.item is None:
        return func(np.asarray(answer), op)
    seq = list(answer)
    seq[op.item] = func(np.asarray(seq[op.item]), op)
    return tuple(seq)


def invert(ops: tuple[FixOp, ...]) -> tuple[FixOp, ...] | None:
    """Transforms that make the mistake from a correct answer (None if some op has no inverse)."""
    undone = []
    for op in reversed(ops):
        if op.op not in INVERSE:
            return None
        factor = 1.0 / op.factor if op.op == "scale" and op.factor else INVERSE_FACTOR.get(op.op, op.factor)
        undone.append(FixOp(INVERSE[op.op], op.item, factor, op.items))
    return tuple(undone)


def fires_safely(rule: MistakeRule, ctx: CheckContext, check: CheckFn, tolerance: Mapping[str, Any]) -> bool:
    """fires(), treating a transform that cannot apply to this answer as not firing."""
    try:
        return fires(rule, ctx, check, tolerance)
    except (ValueError, TypeError, IndexError, ArithmeticError, Shape, FloatingPointError):
        return False


def fires(rule: MistakeRule, ctx: CheckContext, check: CheckFn, tolerance: Mapping[str, Any]) -> bool:
    """Whether one rule explains the (failing) answer in ctx.actual; never true of a passing answer."""
    with np.errstate(all="ignore"):
        if check(ctx) is None:
            return False
        if rule.fix:
            return check(ctx.with_actual(apply(ctx.actual, rule.fix))) is None
        if rule.matches:
            wrong = resolve(rule.matches)(**fresh(ctx.inputs))
            if wrong is None:  # the mistake cannot show on this case
                return False
            if allclose(CheckContext(ctx.inputs, wrong, ctx.actual), **tolerance) is not None \
                    or not _nearer(wrong, ctx):
                return False
            # where the mistake gives the right answer (natural log when the base is e, 0 * log 0 with no zero),
            # it explains no failure: an answer near it is near the right one, failing some finer point
            return check(ctx.with_actual(wrong)) is not None
        if rule.when == "nonfinite":
            return nonfinite(ctx)
        if rule.when:
            return bool(resolve(rule.when)(ctx))
    return False


def nothing_finite(answer: Any) -> bool:
    """Whether an answer holds numbers and none of them is finite (NaN, inf)."""
    try:
        with np.errstate(all="ignore"):
            values = [np.asarray(v, dtype=complex).ravel() for v in (answer if isinstance(answer, (tuple, list))
                                                                      else (answer,))]
    except (TypeError, ValueError):
        return False
    return any(v.size for v in values) and not any(bool(np.any(np.isfinite(v))) for v in values)


def visible(rule: MistakeRule, ctx: CheckContext, check: CheckFn) -> bool | None:
    """Whether the mistake, made on this case, would fail it (the answer `instance` builds: the `matches` or
    `example` function's, or the expected one with the `fix` undone); None where no such answer can be built (a
    rule that only describes answers, `when` without an example; a mistake that cannot show on this case)."""
    if rule.when == "nonfinite" and not rule.example:
        return None  # a poisoned answer shows nothing of the learner's way of getting it
    try:
        wrong = instance(rule, ctx.inputs, ctx.expected)
        if wrong is None:
            return None
        with np.errstate(all="ignore"):
            return check(ctx.with_actual(wrong)) is not None
    except Exception:  # noqa: BLE001 - a mistake that cannot be made on this case says nothing about it
        return None


def _nearer(wrong: Any, ctx: CheckContext) -> bool:
    """Whether the learner's answer is no farther from the mistake's answer than from the right one: where the
    tolerance is loose (a finite difference's), an answer with another fault (a backward difference, a step
    so small that rounding dominates) can be within it of both, and then the mistake is not what it shows."""
    try:
        expected, actual = items(ctx, allow_complex=True)
        mistaken, _ = items(CheckContext(ctx.inputs, wrong, ctx.actual), allow_complex=True)
        with np.errstate(all="ignore"):
            off_wrong = max((float(np.max(np.abs(a - w), initial=0.0)) for a, w in zip(actual, mistaken)), default=0.0)
            off_right = max((float(np.max(np.abs(a - e), initial=0.0)) for a, e in zip(actual, expected)), default=0.0)
    except (Shape, TypeError, ValueError):
        return True
    return not off_right < off_wrong  # NaN either way: as before, the tolerance alone decides


NONFINITE_ERRORS = frozenset({"ZeroDivisionError", "OverflowError", "FloatingPointError"})


def explains_error(rules: tuple[MistakeRule, ...], inputs: Mapping[str, Any], error_type: str) -> MistakeRule | None:
    """The first rule explaining the learner's error: a `matches` rule whose mistaken answer raises an error of
    the same type, or a `nonfinite` rule for an error Python raises where numpy would give inf or NaN."""
    for rule in rules:
        if rule.when == "nonfinite" and error_type in NONFINITE_ERRORS:
            return rule
        if not rule.matches:
            continue
        try:
            with np.errstate(all="ignore"):
                resolve(rule.matches)(**fresh(inputs))
        except Exception as exc:  # noqa: BLE001 - the mistake's own error, compared by type name
            if type(exc).__name__ == error_type:
                return rule
    return None


def explains_value(rules: tuple[MistakeRule, ...], inputs: Mapping[str, Any], actual: Any,
                   tolerance: Mapping[str, Any]) -> MistakeRule | None:
    """The first `matches` rule whose mistaken answer is a value close to the learner's, on inputs where an error
    was expected (a product that broadcasts instead of refusing two shapes)."""
    for rule in rules:
        if not rule.matches:
            continue
        try:
            with np.errstate(all="ignore"):
                wrong = resolve(rule.matches)(**fresh(inputs))
                if wrong is not None and allclose(CheckContext(inputs, wrong, actual), **tolerance) is None:
                    return rule
        except (ValueError, TypeError, IndexError, ArithmeticError, Shape, FloatingPointError):
            continue
    return None


def nonfinite(ctx: CheckContext) -> bool:
    """Some value of the answer is NaN or infinite where the expected one is finite."""
    try:
        expected, actual = items(ctx, allow_complex=True)
    except Shape:
        return False
    return any(bool(np.any(~np.isfinite(a) & np.isfinite(e))) for a, e in zip(actual, expected))


def instance(rule: MistakeRule, inputs: Mapping[str, Any], correct: Any) -> Any | None:
    """An answer that makes this mistake, built from the inputs and a correct answer (for validation)."""
    with np.errstate(all="ignore"):
        if rule.example:
            return resolve(rule.example)(**fresh(inputs))
        if rule.fix:
            undo = invert(rule.fix)
            return apply(correct, undo) if undo is not None else None
        if rule.matches:
            return resolve(rule.matches)(**fresh(inputs))
        if rule.when == "nonfinite" and _has_finite(correct):
            return _poison(correct)
    return None


def _has_finite(answer: Any) -> bool:
    parts = answer if isinstance(answer, tuple) else (answer,)
    return any(bool(np.any(np.isfinite(np.asarray(p, dtype=complex)))) for p in parts)


def _poison(correct: Any) -> Any:
    """The answer with NaN in place of its first finite value."""
    if isinstance(correct, tuple):
        return tuple(_poison(c) for c in correct)
    arr = np.array(correct, dtype=complex if np.iscomplexobj(correct) else float)
    finite = np.flatnonzero(np.isfinite(arr))
    if finite.size:
        arr.reshape(-1)[finite[0]] = np.nan
    return arr if arr.shape else arr[()]
