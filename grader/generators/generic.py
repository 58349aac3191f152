"""`gen: random`: an exercise's inputs described in YAML alone, drawn with core's structured blocks.

    generate:
      gen: random
      sizes: {n: [1, 10], m: [1, n]}
      args:
        x: {normal: [n], scale: [0.1, 10]}
        A: {matrix: [m, n], cond: [1, 100]}

Sizes are drawn first (each after the sizes it refers to), then each argument from its spec;
grader/schema.json documents every kind and option. The same seed draws the same inputs.
"""

from __future__ import annotations

import json
import math
from typing import Any, Callable, Mapping

import numpy as np

from grader.generators.core import (generator, haar, matrix_with_cond, pick_float, pick_int, probability, separated_eigs,
                                    spd, symmetric_with_eigs)
from grader.generators.spec import (DEFAULT_COND, MIN_GAP_ACCEPTANCE, RELATIONS, ArgSpec, At, IntRange, Plan, SpecError,
                                    parse)
from grader.generators.vectors import related

SIZE_SAMPLES = 64  # size draws tried at load time, besides the all-low and all-high ones
MAX_ENTRIES = 10_000_000  # an argument larger than this is a typo, not a test case (80 MB of float64)

_plans: dict[str, Plan] = {}


def plan_for(sizes: Mapping[str, Any] | None, args: Mapping[str, Any] | None) -> Plan:
    """The parsed plan of a spec (parsed once per distinct spec)."""
    key = json.dumps({"sizes": sizes, "args": args}, sort_keys=True, default=str)
    if key not in _plans:
        _plans[key] = parse({"sizes": sizes or {}, "args": args})
    return _plans[key]


@generator("random")
def random(rng: np.random.Generator, sizes: Mapping[str, Any] | None = None,
           args: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Arguments drawn from per-argument specs over shared sizes (see grader/schema.json, generate)."""
    return draw(plan_for(sizes, args), rng)


def draw(plan: Plan, rng: np.random.Generator) -> dict[str, Any]:
    """Draw the sizes, then every argument."""
    drawn = draw_sizes(plan, rng.integers)
    values: dict[str, Any] = {}
    for name, spec in plan.args:
        values[name] = _draw(spec, rng, drawn, values, ("args", name))
    return values


def draw_sizes(plan: Plan, pick: Callable[[int, int], Any]) -> dict[str, int]:
    """The sizes, in order; `pick(lo, hi + 1)` chooses within a range (rng.integers draws uniformly)."""
    drawn: dict[str, int] = {}
    for name, rng_ in plan.sizes:
        try:
            lo, hi = rng_.bounds(drawn)
        except ValueError as exc:
            raise SpecError([(("sizes", name), str(exc))]) from None
        if lo > hi or lo < 0:
            raise SpecError([(("sizes", name), f"the range [{rng_.lo.text}, {rng_.hi.text}] is "
                                               f"{'empty' if lo > hi else 'negative'} when {_show(drawn)}")])
        drawn[name] = lo if lo == hi else int(pick(lo, hi + 1))
    return drawn


def _show(sizes: Mapping[str, int]) -> str:
    return ", ".join(f"{k} = {v}" for k, v in sizes.items()) or "no sizes are drawn"


def _int(rng: np.random.Generator, r: IntRange, sizes: Mapping[str, int], at: At, what: str) -> int:
    lo, hi = r.bounds(sizes)
    if lo > hi:
        raise SpecError([(at, f"the {what} range [{lo}, {hi}] is empty when {_show(sizes)}")])
    return pick_int(rng, (lo, hi))


def _scale(rng: np.random.Generator, spec: ArgSpec) -> float:
    bounds = spec.options.get("scale")
    return 1.0 if bounds is None else pick_float(rng, bounds, log=True)


def _dims(spec: ArgSpec, sizes: Mapping[str, int], at: At) -> tuple[int, ...]:
    dims = tuple(e.value(sizes) for e in spec.operand)
    if any(d < 0 for d in dims):
        raise SpecError([(at + (spec.kind,), f"the shape {list(dims)} is negative when {_show(sizes)}")])
    return dims


def _positive(n: int, spec: ArgSpec, sizes: Mapping[str, int], at: At) -> int:
    if n < 1:
        raise SpecError([(at + (spec.kind,), f"the size is {n} when {_show(sizes)}: it must be at least 1")])
    return n


# ----------------------------------------------------------------- one function per kind

def _array(spec: ArgSpec, rng: np.random.Generator, sizes: Mapping[str, int], values: Mapping[str, Any],
           at: At) -> Any:
    """normal / uniform: entries drawn independently, then signs, peak and mixed signs, times a scale."""
    shape = _dims(spec, sizes, at)
    factor = _scale(rng, spec)
    if spec.kind == "normal":
        x = rng.standard_normal(shape)
    else:
        x = rng.uniform(spec.options.get("low", 0.0), spec.options.get("high", 1.0), shape)
    if spec.options.get("signs") == "random":
        x = x * rng.choice([-1.0, 1.0], size=shape)
    x = _shape_signs(np.array(x, dtype=float), spec.options)
    x = x * factor
    return float(x) if x.shape == () else x


def _shape_signs(x: np.ndarray, options: Mapping[str, Any]) -> np.ndarray:
    """The largest-magnitude entry at least `peak` and of sign `peak_sign`; both signs present if asked."""
    flat = x.reshape(-1)
    if flat.size == 0:
        return x
    k = int(np.argmax(np.abs(flat)))
    if "peak" in options or "peak_sign" in options:
        magnitude = max(abs(flat[k]), options.get("peak", 0.0))
        sign = {"negative": -1.0, "positive": 1.0}.get(options.get("peak_sign", ""), np.sign(flat[k]) or 1.0)
        flat[k] = sign * magnitude
    if options.get("mixed_signs") and flat.size > 1:
        j = (k + 1) % flat.size
        if np.all(flat <= 0):
            flat[j] = abs(flat[j]) or 0.25
        elif np.all(flat >= 0):
            flat[j] = -(abs(flat[j]) or 0.25)
    return flat.reshape(x.shape)


def _integer(spec: ArgSpec, rng: np.random.Generator, sizes: Mapping[str, int], values: Mapping[str, Any],
             at: At) -> int:
    return _int(rng, spec.operand, sizes, at + ("integer",), "integer")


def _float(spec: ArgSpec, rng: np.random.Generator, sizes: Mapping[str, int], values: Mapping[str, Any],
           at: At) -> float:
    return pick_float(rng, spec.operand, log=bool(spec.options.get("log")))


def _choice(spec: ArgSpec, rng: np.random.Generator, sizes: Mapping[str, int], values: Mapping[str, Any],
            at: At) -> Any:
    value = spec.operand[_pick_index(rng, len(spec.operand), spec.options.get("weights"))]
    return np.asarray(value, dtype=float) if isinstance(value, list) else value


def _pick_index(rng: np.random.Generator, count: int, weights: tuple[float, ...] | None) -> int:
    if weights is None:
        return int(rng.integers(count))
    cumulative = np.cumsum(weights) / sum(weights)
    return min(int(np.searchsorted(cumulative, rng.uniform(), side="right")), count - 1)


def _cond(rng: np.random.Generator, spec: ArgSpec) -> float:
    return pick_float(rng, spec.options.get("cond", DEFAULT_COND[spec.kind]), log=True)


def _matrix(spec: ArgSpec, rng: np.random.Generator, sizes: Mapping[str, int], values: Mapping[str, Any],
            at: At) -> np.ndarray:
    """U diag(s) V^T: exact condition number over the nonzero singular values, exact rank if given."""
    m, n = (_positive(d, spec, sizes, at) for d in _dims(spec, sizes, at))
    rank = None
    if "rank" in spec.options:
        rank = _int(rng, spec.options["rank"], sizes, at + ("rank",), "rank")
        if not 1 <= rank <= min(m, n):
            raise SpecError([(at + ("rank",), f"the rank is {rank} for a {m} x {n} matrix when {_show(sizes)}: "
                                              f"it must be between 1 and {min(m, n)}")])
    return matrix_with_cond(rng, m, n, _cond(rng, spec), rank, _scale(rng, spec))


def _symmetric(spec: ArgSpec, rng: np.random.Generator, sizes: Mapping[str, int], values: Mapping[str, Any],
               at: At) -> np.ndarray:
    """Q diag(lambda) Q^T with eigenvalues uniform in the range, at least `gap` apart if asked."""
    n = _positive(spec.operand.value(sizes), spec, sizes, at)
    lo, hi = spec.options.get("eigenvalues", (-1.0, 1.0))
    gap = spec.options.get("gap")
    if gap is None:
        lam = rng.uniform(lo, hi, n)
    else:
        if gap_acceptance(n, gap, lo, hi) < MIN_GAP_ACCEPTANCE:
            raise SpecError([(at + ("gap",), gap_problem(n, gap, lo, hi))])
        lam = lo + (separated_eigs(rng, n, 2.0 * gap / (hi - lo)) + 1.0) * (hi - lo) / 2.0
    return symmetric_with_eigs(rng, lam * _scale(rng, spec))


def gap_acceptance(n: int, gap: float, lo: float, hi: float) -> float:
    """Chance that n uniform eigenvalues in [lo, hi] are all at least gap apart (the rejection rate)."""
    room = 1.0 - (n - 1) * gap / (hi - lo)
    return 1.0 if n < 2 else (room ** n if room > 0 else 0.0)


def gap_problem(n: int, gap: float, lo: float, hi: float) -> str:
    """What to say when a gap cannot be met quickly."""
    return (f"{n} eigenvalues in [{lo:g}, {hi:g}] at least {gap:g} apart are too rare to draw; "
            f"use a gap below about {(hi - lo) / (2 * max(n - 1, 1) * max(n, 1)):.3g} or widen eigenvalues")


def _spd(spec: ArgSpec, rng: np.random.Generator, sizes: Mapping[str, int], values: Mapping[str, Any],
         at: At) -> np.ndarray:
    n = _positive(spec.operand.value(sizes), spec, sizes, at)
    return spd(rng, n, _cond(rng, spec), _scale(rng, spec))


def _orthogonal(spec: ArgSpec, rng: np.random.Generator, sizes: Mapping[str, int], values: Mapping[str, Any],
                at: At) -> np.ndarray:
    return haar(rng, _positive(spec.operand.value(sizes), spec, sizes, at))


def _probability(spec: ArgSpec, rng: np.random.Generator, sizes: Mapping[str, int], values: Mapping[str, Any],
                 at: At) -> np.ndarray:
    """Dirichlet(alpha) with `zeros` entries exactly 0 (at most n - 1 of them), renormalized."""
    n = _positive(spec.operand.value(sizes), spec, sizes, at)
    zeros = 0
    if "zeros" in spec.options:
        zeros = _int(rng, spec.options["zeros"], sizes, at + ("zeros",), "zeros")
        if not 0 <= zeros <= n - 1:
            raise SpecError([(at + ("zeros",), f"{zeros} zeros in a vector of {n} when {_show(sizes)}: "
                                               f"at least one entry must stay nonzero")])
    return probability(rng, n, zeros, spec.options.get("alpha", (0.5, 5.0)))


def _related(spec: ArgSpec, rng: np.random.Generator, sizes: Mapping[str, int], values: Mapping[str, Any],
             at: At) -> np.ndarray:
    """A vector parallel, antiparallel or orthogonal to another argument, of norm `scale`."""
    base = np.asarray(values[spec.operand], dtype=float)
    if base.ndim != 1 or not np.any(base):
        raise SpecError([(at + ("related",), f"{spec.operand!r} must be a nonzero vector to relate to, "
                                             f"got shape {base.shape}")])
    allowed = spec.options.get("relation", RELATIONS)
    feasible = [r for r in allowed if r != "orthogonal" or base.size >= 2]
    if not feasible:
        raise SpecError([(at + ("relation",), "no vector of length 1 is orthogonal to a nonzero one")])
    relation = str(rng.choice(feasible))
    return related(rng, base, relation, _scale(rng, spec))


def _one_of(spec: ArgSpec, rng: np.random.Generator, sizes: Mapping[str, int], values: Mapping[str, Any],
            at: At) -> Any:
    i = _pick_index(rng, len(spec.alternatives), spec.options.get("weights"))
    return _draw(spec.alternatives[i], rng, sizes, values, at + ("one_of", i))


_KIND_DRAW: dict[str, Callable[..., Any]] = {
    "normal": _array, "uniform": _array, "integer": _integer, "float": _float, "choice": _choice,
    "matrix": _matrix, "symmetric": _symmetric, "spd": _spd, "orthogonal": _orthogonal,
    "probability": _probability, "related": _related, "one_of": _one_of,
}


def _draw(spec: ArgSpec, rng: np.random.Generator, sizes: Mapping[str, int], values: Mapping[str, Any],
          at: At) -> Any:
    return _KIND_DRAW[spec.kind](spec, rng, sizes, values, at)


# ----------------------------------------------------------------- load-time proof

def problems(params: Mapping[str, Any], arg_names: list[str]) -> list[tuple[At, str]]:
    """Every problem of a `gen: random` spec, with its field path under `generate`.

    Beyond parsing, sizes are drawn all-low, all-high and SIZE_SAMPLES times at random, and every
    size-dependent setting (shapes, rank, zeros, eigenvalue gaps) is checked for each draw.
    """
    try:
        plan = parse(params, arg_names)
    except SpecError as exc:
        return exc.problems
    found: dict[At, str] = {}
    rng = np.random.default_rng(0)
    pickers: list[Callable[[int, int], Any]] = [lambda lo, hi: lo, lambda lo, hi: hi - 1]
    pickers += [rng.integers] * SIZE_SAMPLES
    for pick in pickers:
        try:
            sizes = draw_sizes(plan, pick)
        except SpecError as exc:
            found.setdefault(*exc.problems[0])
            continue
        for name, spec in plan.args:
            try:
                checked = _size_problems(spec, sizes, ("args", name))
            except ValueError as exc:
                checked = [(("args", name), str(exc))]
            for at, message in checked:
                found.setdefault(at, message)
    return list(found.items())


def _size_problems(spec: ArgSpec, sizes: Mapping[str, int], at: At) -> list[tuple[At, str]]:
    """Size-dependent problems of one spec for one draw of the sizes (no random values needed)."""
    out: list[tuple[At, str]] = []
    where = _show(sizes)
    if spec.kind in ("normal", "uniform", "matrix"):
        dims = [e.value(sizes) for e in spec.operand]
        if any(d < 0 for d in dims) or (spec.kind == "matrix" and any(d < 1 for d in dims)):
            out.append((at + (spec.kind,), f"the shape is {dims} when {where}"))
        elif math.prod(dims) > MAX_ENTRIES:
            out.append((at + (spec.kind,), f"the shape {dims} holds {math.prod(dims):,} entries when {where}: "
                                           f"keep arrays under {MAX_ENTRIES:,}"))
        elif spec.kind == "matrix" and "rank" in spec.options:
            lo, hi = spec.options["rank"].bounds(sizes)
            if lo > hi or lo < 1 or hi > min(dims):
                out.append((at + ("rank",), f"the rank may be outside 1..{min(dims)} (the matrix is "
                                            f"{dims[0]} x {dims[1]}) when {where}"))
    elif spec.kind in ("symmetric", "spd", "orthogonal", "probability"):
        n = spec.operand.value(sizes)
        if n < 1:
            out.append((at + (spec.kind,), f"the size is {n} when {where}: it must be at least 1"))
        elif n * (1 if spec.kind == "probability" else n) > MAX_ENTRIES:
            out.append((at + (spec.kind,), f"the size {n} is too large when {where}: keep arrays under "
                                           f"{MAX_ENTRIES:,} entries"))
        elif spec.kind == "symmetric" and spec.options.get("gap") is not None:
            lo, hi = spec.options.get("eigenvalues", (-1.0, 1.0))
            if gap_acceptance(n, spec.options["gap"], lo, hi) < MIN_GAP_ACCEPTANCE:
                out.append((at + ("gap",), gap_problem(n, spec.options["gap"], lo, hi) + f" (when {where})"))
        elif spec.kind == "probability" and "zeros" in spec.options:
            lo, hi = spec.options["zeros"].bounds(sizes)
            if lo > hi or lo < 0 or hi > n - 1:
                out.append((at + ("zeros",), f"zeros may be outside 0..{n - 1} (one entry must stay nonzero) "
                                             f"when {where}"))
    elif spec.kind == "integer":
        lo, hi = spec.operand.bounds(sizes)
        if lo > hi:
            out.append((at + ("integer",), f"the range [{lo}, {hi}] is empty when {where}"))
    for i, alt in enumerate(spec.alternatives):
        out += _size_problems(alt, sizes, at + ("one_of", i))
    return out

