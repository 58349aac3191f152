"""The comparison engine: structure, shape, NaN/inf positions, then values (NUMERICS.md §4).

A check is `check(ctx, **params) -> Mismatch | None`. It never raises for a wrong answer:
the mismatch it returns describes where and by how much, for every report format.

Tolerance policy (docs/tolerance.md): an answer within the curriculum's allclose of the exact
answer passes — relative error COURSE_RTOL = 1e-7, or an absolute floor of COURSE_ATOL eps times
the problem's scale (never a fixed 1e-8) — unless the exercise's task states a tighter rule.
`check: {name: allclose}` with no numbers is exactly that. Property checks (residuals,
orthonormality, Penrose conditions) are in units of p * eps * |A| and are set so that a float64
algorithm converged to 1e-9 relative passes, while float32 (relative error >= 6e-8 per value,
compounding) and unconverged loops fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from grader.registry import Registry
from grader.results import Mismatch

EPS = float(np.finfo(np.float64).eps)
COURSE_RTOL = 1e-7  # the curriculum's "allclose"
COURSE_ATOL = 64.0  # the absolute floor, in eps times the problem scale (atol_scale)
Check = Callable[..., "Mismatch | None"]
CHECKS: Registry[Check] = Registry("check", "grader.checks")


def check(name: str) -> Callable[[Check], Check]:
    """Register a check under a name usable in YAML (`check: {name: ...}`)."""
    return CHECKS.register(name)


@dataclass(frozen=True)
class CheckContext:
    """What a check sees: the case's inputs, the reference's answer and the learner's."""

    inputs: Mapping[str, Any]
    expected: Any
    actual: Any
    extras: Mapping[str, Any] = field(default_factory=dict)

    def with_actual(self, actual: Any) -> "CheckContext":
        return replace(self, actual=actual)


class Shape(Exception):
    """Raised inside normalisation; carries the mismatch to return."""

    def __init__(self, mismatch: Mismatch) -> None:
        super().__init__(mismatch.summary)
        self.mismatch = mismatch


def describe_type(value: Any) -> str:
    """A learner-facing description of a returned value's kind."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, (tuple, list)):
        return f"a {type(value).__name__} of {len(value)} values"
    if value is None:
        return "None (did the function forget to return?)"
    return f"a {type(value).__name__}"


def as_numeric(value: Any, where: str, expected: np.ndarray, allow_complex: bool = False) -> np.ndarray:
    """Convert one returned value to a float64 (or complex128) array of exactly the expected shape."""
    if value is None or isinstance(value, str):
        raise Shape(Mismatch(f"{where} should be numbers, but the function returned {describe_type(value)}",
                             where=where))
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError):
        raise Shape(Mismatch(f"{where} is not a rectangular array of numbers (ragged nested lists?)",
                             where=where)) from None
    if arr.dtype.kind not in "biufc":
        raise Shape(Mismatch(f"{where} does not convert to an array of numbers (got dtype {arr.dtype})",
                             where=where))
    if arr.shape != expected.shape:
        what = "a scalar" if expected.shape == () else f"shape {expected.shape}"
        got = "a scalar" if arr.shape == () else f"shape {arr.shape}"
        raise Shape(Mismatch(f"{where} has the wrong shape: expected {what}, got {got}", where=where))
    if arr.dtype.kind == "c" and not (allow_complex or expected.dtype.kind == "c"):
        if not _rounding_imaginary(arr):
            raise Shape(complex_for_real(where))
        arr = arr.real
    target = np.complex128 if arr.dtype.kind == "c" or expected.dtype.kind == "c" else np.float64
    return arr.astype(target)


def single_precision(ctx: CheckContext, strict: bool = False) -> bool:
    """The answer is float32 numbers where the exact answer is not: every finite value of it (real and imaginary
    parts) is a float32 number, some using the last bits of float32's 24-bit mantissa as computed results do
    (2.5 does not), while some expected value needs float64. A float64 computation lands on a float32 number
    with probability about 2**-29 per value; float32 arithmetic, or its result converted with float(), always
    does, even where its error stays within the tolerance (CURRICULUM: allclose rejects float32).
    `strict`, for an answer within the tolerance (failed for this alone): the evidence must be a value that
    carries the answer (within 1e-4 of its expected size, either sign) and is a fraction using float32's last
    four bits: a residue of cancellation (a singular determinant's 1.4e-25, exact sums leave few bits) or an
    integer (1e8) can be a float32 number in float64 too. Otherwise, naming the mistake of an answer that failed
    already, any value using the last eight bits."""
    try:
        expected, actual = items(ctx, allow_complex=True)
    except (Shape, TypeError, ValueError):
        return False
    with np.errstate(all="ignore"):  # first the common answer, float64 numbers: a value float32 cannot hold
        if any(np.any((a == a) & (a.astype(np.complex64 if a.dtype.kind == "c" else np.float32) != a))
               for a in map(np.asarray, actual)):
            return False
    pairs = [(a, e) for act, exp in zip(actual, expected) for a, e in zip(_parts(act), _parts(exp))]
    found = [a[np.isfinite(a)] for a, _ in pairs]
    if not any(f.size for f in found) or not any(np.asarray(e).dtype.kind in "fc" for e in expected):
        return False
    with np.errstate(all="ignore"):
        all_single = all(bool(np.all(f.astype(np.float32).astype(np.float64) == f)) for f in found)
        wanted = [e[np.isfinite(e)] for _, e in pairs]
        needs_double = any(bool(np.any(w.astype(np.float32).astype(np.float64) != w)) for w in wanted)
        if not (all_single and needs_double):
            return False
        if not strict:
            return any(full_mantissa(f) for f in found)
        for a, e in pairs:
            a, e = np.broadcast_arrays(a, e)
            carried = np.isfinite(a) & np.isfinite(e) & (e != 0) & (np.abs(np.abs(a) - np.abs(e)) <= 1e-4 * np.abs(e))
            if _float32_evidence(a[carried]):
                return True
        return False


def _float32_evidence(values: np.ndarray) -> bool:
    """Some value that is a fraction (not an integer, which exact inputs give: 1e8 is a float32 number) whose
    float32 mantissa uses its last four bits (a short binary fraction such as 12345.5 does not)."""
    with np.errstate(all="ignore"):
        return full_mantissa(values[values != np.round(values)], last_bits=4)


def _parts(values: np.ndarray) -> tuple[np.ndarray, ...]:
    arr = np.asarray(values)
    if arr.dtype.kind == "c":
        return arr.real.astype(np.float64), arr.imag.astype(np.float64)
    return (arr.astype(np.float64),) if arr.dtype.kind in "biuf" else ()


def full_mantissa(values: np.ndarray, last_bits: int = 8) -> bool:
    """Some value uses one of the last `last_bits` bits of float32's 24-bit mantissa, as computed results do
    (2.5 or 3.0 do not)."""
    mantissa, _ = np.frexp(np.asarray(values, dtype=np.float64))
    return bool(np.any(np.mod(np.round(np.abs(mantissa) * 2.0 ** 24), 2 ** last_bits) != 0))


def complex_for_real(where: str) -> Mismatch:
    return Mismatch(f"{where} has complex values where real ones are expected", where=where)


def _rounding_imaginary(arr: np.ndarray) -> bool:
    """Whether a complex array's imaginary parts are rounding noise beside its own magnitude (the product of a
    real matrix's eigenvalues, conjugate pairs included, is real up to such noise): then it is read as real."""
    with np.errstate(all="ignore"):
        size = float(np.max(np.abs(arr), initial=0.0))
        return bool(np.all(np.abs(arr.imag) <= 64 * EPS * size)) if np.isfinite(size) else \
            bool(np.all(arr.imag == 0))


def items(ctx: CheckContext, allow_complex: bool = False) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Split expected and actual answers into matched lists of arrays (a 1-tuple for a single value)."""
    expected = ctx.expected
    if isinstance(expected, tuple):
        actual = ctx.actual
        if not isinstance(actual, (tuple, list)):
            raise Shape(Mismatch(f"expected a tuple of {len(expected)} values, but the function returned "
                                 f"{describe_type(actual)}"))
        if len(actual) != len(expected):
            raise Shape(Mismatch(f"expected a tuple of {len(expected)} values, got {len(actual)}"))
        exp = [np.asarray(e) for e in expected]
        act = [as_numeric(a, f"item {i} of the result", e, allow_complex) for i, (a, e) in
               enumerate(zip(actual, exp))]
        return exp, act
    exp_arr = np.asarray(expected)
    return [exp_arr], [as_numeric(ctx.actual, "the result", exp_arr, allow_complex)]


def item_name(index: int, count: int) -> str:
    return "the result" if count == 1 else f"item {index} of the result"


def close(actual: np.ndarray, expected: np.ndarray, rtol: float, atol: float, where: str = "the result",
          invariance: str | None = None) -> Mismatch | None:
    """Symmetric closeness: |a-b| <= atol + rtol*max(|a|,|b|); NaN and inf must match exactly."""
    a = np.asarray(actual)
    b = np.asarray(expected)
    try:  # fast path, the common case: everything finite and close (any inf or NaN makes d non-finite)
        d = np.abs(a - b)
        if np.isfinite(d).all() and (d <= atol + rtol * np.maximum(np.abs(a), np.abs(b))).all():
            return None
    except (TypeError, ValueError, FloatingPointError):
        pass
    a_nan, b_nan = np.isnan(a), np.isnan(b)
    if np.any(a_nan != b_nan):
        return _positional(a_nan != b_nan, a, b, where, "is NaN" if np.any(a_nan & ~b_nan) else "is not NaN",
                           invariance)
    a_inf, b_inf = np.isinf(a), np.isinf(b)
    bad_inf = (a_inf | b_inf) & ~((a_inf & b_inf) & (a == b))
    if np.any(bad_inf & ~b_nan):
        return _positional(bad_inf & ~b_nan, a, b, where, "is infinite" if np.any(a_inf) else "is finite",
                           invariance)
    finite = ~(a_nan | b_nan | a_inf | b_inf)
    diff = np.where(finite, np.abs(a - b), 0.0)
    bound = atol + rtol * np.maximum(np.abs(a), np.abs(b))
    bad = finite & (diff > np.where(finite, bound, np.inf))
    if not np.any(bad):
        return None
    flat = int(np.argmax(np.where(bad, diff, -1.0)))
    idx = np.unravel_index(flat, a.shape) if a.shape else ()
    big = float(diff.reshape(-1)[flat]) if a.shape else float(diff)
    scale = float(max(abs(complex(b[idx])), abs(complex(a[idx])), np.finfo(float).tiny))
    count = int(np.sum(bad))
    total = a.size
    at = f" at index {list(int(i) for i in idx)}" if a.shape else ""
    summary = (f"{where}: {count} of {total} values differ" if total > 1 else f"{where} differs")
    summary += (f"; the largest difference is {big:.3g}{at} (expected {_num(b[idx])}, got {_num(a[idx])}; "
                f"relative error {big / scale:.2g}, tolerance {float(np.reshape(bound, -1)[flat] if a.shape else bound):.2g})")
    return Mismatch(summary, where=f"{where}{at}", max_abs=big, max_rel=big / scale, invariance=invariance)


def _positional(mask: np.ndarray, a: np.ndarray, b: np.ndarray, where: str, what: str,
                invariance: str | None) -> Mismatch:
    idx = tuple(int(i) for i in np.argwhere(mask)[0]) if a.shape else ()
    at = f" at index {list(idx)}" if a.shape else ""
    count = int(np.sum(mask))
    summary = f"{where}{at} {what} (expected {_pair(b[idx], a[idx])})"
    if count > 1:
        summary += f"; {count} values in all"
    return Mismatch(summary, where=f"{where}{at}", invariance=invariance)


def _num(x: Any) -> str:
    value = complex(x) if np.iscomplexobj(x) else float(x)
    if isinstance(value, complex):
        return f"{value.real:.6g}{value.imag:+.6g}j"
    return f"{value:.10g}"


def _pair(expected: Any, got: Any) -> str:
    if np.iscomplexobj(expected) or np.iscomplexobj(got):
        return f"{_num(expected)}, got {_num(got)}"
    left, right = apart(expected, got)
    return f"{left}, got {right}"


def apart(first: float, second: float, digits: int = 10) -> tuple[str, str]:
    """Two different numbers printed with as many significant digits as it takes (from `digits`, at most 17)
    to tell them apart: never "expected 309.2628179, got 309.2628179"."""
    a, b = float(first) + 0.0, float(second) + 0.0  # + 0.0: never "-0"
    for shown in range(digits, 18):
        left, right = f"{a:.{shown}g}", f"{b:.{shown}g}"
        if left != right or a == b or a != a or b != b:
            return left, right
    return f"{a!r}", f"{b!r}"


def magnitude(values: Sequence[Any]) -> float:
    """The largest finite absolute value among arrays and numbers (1 if there are none)."""
    best = 0.0
    for v in values:
        try:
            arr = np.asarray(v, dtype=complex if np.iscomplexobj(v) else float)
        except (TypeError, ValueError):
            continue
        finite = np.abs(arr[np.isfinite(arr)])
        if finite.size:
            best = max(best, float(np.max(finite)))
    return best if best > 0 else 1.0


# ----------------------------------------------------------------- named scales for atol

Scale = Callable[[CheckContext], float]
SCALES: Registry[Scale] = Registry("scale", "grader.checks")


def scale(name: str) -> Callable[[Scale], Scale]:
    """Register a problem scale: atol = atol_factor * eps * scale(ctx)."""
    return SCALES.register(name)


@scale("values")
def _values_scale(ctx: CheckContext) -> float:
    """The largest magnitude among the numeric inputs and the expected answer (integer inputs such as
    step counts or seeds are settings, not values, and are left out)."""
    numeric = [v for v in ctx.inputs.values() if not isinstance(v, (bool, int, np.integer))]
    return max(magnitude(numeric), magnitude(_flatten(ctx.expected)))


@scale("expected")
def _expected_scale(ctx: CheckContext) -> float:
    return magnitude(_flatten(ctx.expected))


@scale("one")
def _one_scale(ctx: CheckContext) -> float:
    return 1.0


@scale("hadamard")
def _hadamard_scale(ctx: CheckContext) -> float:
    """Hadamard's bound on |det A|: the product of the column norms (NUMERICS.md, det)."""
    a = np.asarray(next(iter(ctx.inputs.values())), dtype=float)
    return float(max(np.prod(np.linalg.norm(a, axis=0)), np.finfo(float).tiny))


def _flatten(value: Any) -> list[Any]:
    return list(value) if isinstance(value, tuple) else [value]


def tolerance(ctx: CheckContext, atol: float, atol_scale: str) -> float:
    """Absolute floor: atol (in units of eps) times the named problem scale."""
    found = SCALES.get(atol_scale)
    if found is None:
        raise ValueError(f"unknown atol_scale {atol_scale!r} (known: {', '.join(sorted(SCALES.entries))})")
    return atol * EPS * found(ctx)


@check("allclose")
def allclose(ctx: CheckContext, *, rtol: float = COURSE_RTOL, atol: float = COURSE_ATOL, atol_scale: str = "values",
             allow_complex: bool = False) -> Mismatch | None:
    """Every value within rtol (relative, symmetric) or atol*eps*scale (absolute) of the reference."""
    try:
        expected, actual = items(ctx, allow_complex=True)  # complex where real is expected: judged below
    except Shape as exc:
        return exc.mismatch
    floor = tolerance(ctx, atol, atol_scale)
    for i, (a, e) in enumerate(zip(actual, expected)):
        where = item_name(i, len(expected))
        found = close(a, e.astype(a.dtype) if e.dtype.kind in "biufc" else e, rtol, floor, where)
        if a.dtype.kind == "c" and e.dtype.kind in "biuf" and not allow_complex:
            # real is expected: imaginary parts within the tolerance are rounding (a determinant as the product
            # of eigenvalues); beyond it the answer is complex, which is what to say
            if found is not None:
                with np.errstate(all="ignore"):
                    bound = floor + rtol * np.maximum(np.abs(a.real), np.abs(e.astype(np.float64)))
                    if not np.all(np.abs(a.imag) <= np.where(np.isfinite(bound), bound, np.inf)):
                        return complex_for_real(where)
                found = close(a.real, e.astype(np.float64), rtol, floor, where)
        if found is not None:
            return found
    return None


@check("exact")
def exact(ctx: CheckContext) -> Mismatch | None:
    """Values equal exactly (for integer or boolean answers)."""
    return allclose(ctx, rtol=0.0, atol=0.0)


# ----------------------------------------------------------------- other valid answers

Variants = Callable[[CheckContext, np.random.Generator], "list[tuple[str, Any]]"]
VARIANTS: Registry[Variants] = Registry("variants", "grader.checks")


def variants(name: str) -> Callable[[Variants], Variants]:
    """Register a maker of other valid answers for a check (validation proves they pass)."""
    return VARIANTS.register(name)


def flip_signs(matrix: np.ndarray, rng: np.random.Generator, axis: int = -1) -> tuple[np.ndarray, np.ndarray]:
    """The matrix with a random sign on each column (axis=-1) or row (axis=-2), and the signs."""
    count = matrix.shape[axis]
    signs = rng.choice([-1.0, 1.0], size=count)
    if count and np.all(signs == 1.0):
        signs[0] = -1.0
    shape = [1] * matrix.ndim
    shape[axis] = count
    return matrix * signs.reshape(shape), signs
