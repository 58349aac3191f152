"""The generic input language (`gen: random`), parsed: sizes, size expressions and one spec per argument.

Parsing turns the YAML mapping into frozen objects and collects every problem with the path of
the field it concerns (relative to the `generate:` mapping), so definition loading can report
them with file and line. Drawing values from the parsed plan lives in grader.generators.generic.
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping, Sequence

At = tuple[Any, ...]

# kind -> the options it accepts (besides its own key); NUMERICS.md §2 names the recipes
ARRAY_OPTIONS = frozenset({"scale", "signs", "peak", "peak_sign", "mixed_signs"})
KINDS: dict[str, frozenset[str]] = {
    "normal": ARRAY_OPTIONS,
    "uniform": ARRAY_OPTIONS | {"low", "high"},
    "integer": frozenset(),
    "float": frozenset({"log"}),
    "choice": frozenset({"weights"}),
    "matrix": frozenset({"cond", "rank", "scale"}),
    "symmetric": frozenset({"eigenvalues", "gap", "scale"}),
    "spd": frozenset({"cond", "scale"}),
    "orthogonal": frozenset(),
    "probability": frozenset({"zeros", "alpha"}),
    "related": frozenset({"relation", "scale"}),
    "one_of": frozenset({"weights"}),
}
RELATIONS = ("parallel", "antiparallel", "orthogonal")
DEFAULT_COND = {"matrix": (1.0, 100.0), "spd": (1.0, 1000.0)}  # NUMERICS.md §2: safe for naive methods
MIN_GAP_ACCEPTANCE = 1e-3  # eigenvalues with a minimum gap are drawn by rejection: keep it fast


class SpecError(ValueError):
    """A `gen: random` specification is invalid; carries (field path, message) pairs."""

    def __init__(self, problems: list[tuple[At, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{' > '.join(map(str, at)) or 'generate'}: {msg}" for at, msg in problems))


# ----------------------------------------------------------------- size expressions

@dataclass(frozen=True)
class Expr:
    """An integer expression over sizes: a number, a size name, + - * //, min() and max()."""

    text: str
    tree: ast.expr = field(compare=False, repr=False)
    names: frozenset[str] = frozenset()

    def value(self, sizes: Mapping[str, int]) -> int:
        """The expression's value for drawn sizes; ValueError on a division by zero."""
        try:
            return _eval(self.tree, sizes)
        except ZeroDivisionError:
            raise ValueError(f"{self.text!r} divides by zero when "
                             + ", ".join(f"{k} = {v}" for k, v in sizes.items())) from None


_BINOPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
           ast.FloorDiv: lambda a, b: a // b}


@lru_cache(maxsize=512)
def parse_expr(text: str) -> Expr:
    """Parse a size expression such as `n`, `[1, n]`'s `n`, `n + 1` or `min(m, n)`; ValueError if not one."""
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        raise ValueError(f"{text!r} is not a size expression (a number, a size name, + - * //, min, max)") from None
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if node.id not in ("min", "max"):
                names.add(node.id)
        elif isinstance(node, ast.Call):
            if not (isinstance(node.func, ast.Name) and node.func.id in ("min", "max") and node.args
                    and not node.keywords):
                raise ValueError(f"{text!r}: only min(...) and max(...) may be called in a size expression")
        elif isinstance(node, ast.Constant):
            if not isinstance(node.value, int) or isinstance(node.value, bool):
                raise ValueError(f"{text!r}: sizes are whole numbers")
        elif not isinstance(node, (ast.BinOp, ast.UnaryOp, ast.Load, ast.USub, *_BINOPS)):
            raise ValueError(f"{text!r} is not a size expression (a number, a size name, + - * //, min, max)")
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and type(node.op) not in _BINOPS:
            raise ValueError(f"{text!r}: only + - * and // combine sizes")
        if isinstance(node, ast.UnaryOp) and not isinstance(node.op, ast.USub):
            raise ValueError(f"{text!r}: only + - * and // combine sizes")
    return Expr(text, tree, frozenset(names))


def _eval(node: ast.expr, sizes: Mapping[str, int]) -> int:
    if isinstance(node, ast.Constant):
        return int(node.value)
    if isinstance(node, ast.Name):
        return int(sizes[node.id])
    if isinstance(node, ast.UnaryOp):
        return -_eval(node.operand, sizes)
    if isinstance(node, ast.BinOp):
        return int(_BINOPS[type(node.op)](_eval(node.left, sizes), _eval(node.right, sizes)))
    assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    values = [_eval(a, sizes) for a in node.args]
    return min(values) if node.func.id == "min" else max(values)


@dataclass(frozen=True)
class IntRange:
    """Whole numbers from lo to hi (inclusive), drawn uniformly; lo is hi for a single expression."""

    lo: Expr
    hi: Expr

    @property
    def names(self) -> frozenset[str]:
        """The sizes either bound refers to."""
        return self.lo.names | self.hi.names

    def bounds(self, sizes: Mapping[str, int]) -> tuple[int, int]:
        """Both bounds for drawn sizes."""
        return self.lo.value(sizes), self.hi.value(sizes)


# ----------------------------------------------------------------- argument specs

@dataclass(frozen=True)
class ArgSpec:
    """One argument: its kind (normal, matrix, ...), the kind's operand and its options, parsed."""

    kind: str
    operand: Any
    options: Mapping[str, Any]
    alternatives: tuple["ArgSpec", ...] = ()

    def sizes_used(self) -> frozenset[str]:
        """Every size name this spec refers to."""
        found: set[str] = set()
        for item in _flat(self.operand) + _flat(list(self.options.values())):
            if isinstance(item, (Expr, IntRange)):
                found |= item.names
        for alt in self.alternatives:
            found |= alt.sizes_used()
        return frozenset(found)

    def args_used(self) -> frozenset[str]:
        """Arguments this one is built from (`related: a`)."""
        own = {self.operand} if self.kind == "related" else set()
        return frozenset(own.union(*(alt.args_used() for alt in self.alternatives)))


def _flat(value: Any) -> list[Any]:
    if isinstance(value, (list, tuple)):
        return [x for v in value for x in _flat(v)]
    return [value]


@dataclass(frozen=True)
class Plan:
    """A parsed `gen: random`: sizes in drawing order, then arguments in drawing order."""

    sizes: tuple[tuple[str, IntRange], ...]
    args: tuple[tuple[str, ArgSpec], ...]


class _Collector:
    """Collects problems while parsing, each with its field path."""

    def __init__(self) -> None:
        self.problems: list[tuple[At, str]] = []

    def add(self, at: At, message: str) -> None:
        self.problems.append((at, message))


def parse(params: Mapping[str, Any], arg_names: Sequence[str] | None = None) -> Plan:
    """Parse `sizes` and `args` of a `gen: random`; raise SpecError listing every problem."""
    out = _Collector()
    unknown = sorted(set(params) - {"sizes", "args"})
    for key in unknown:
        out.add((key,), f"unknown key {key!r} (gen: random takes sizes and args)")
    sizes = _parse_sizes(params.get("sizes") or {}, out)
    raw_args = params.get("args")
    args: dict[str, ArgSpec] = {}
    if not isinstance(raw_args, Mapping) or not raw_args:
        out.add(("args",), "give `args:`, a spec for each argument, for example {x: {normal: [n]}}")
    else:
        for name, raw in raw_args.items():
            spec = _parse_spec(raw, ("args", name), out)
            if spec is not None:
                args[str(name)] = spec
    defined = {name for name, _ in sizes}
    for name, rng in sizes:
        for ref in sorted(rng.names - defined):
            out.add(("sizes", name), f"unknown size {ref!r} (sizes defined: {', '.join(sorted(defined))})")
    for name, spec in args.items():
        for ref in sorted(spec.sizes_used() - defined):
            known = ", ".join(sorted(defined)) or "none; add `sizes:`"
            out.add(("args", name), f"unknown size {ref!r} (sizes defined: {known})")
        for ref in sorted(spec.args_used() - set(args)):
            out.add(("args", name), f"{name!r} is related to {ref!r}, which has no spec in args")
    if arg_names is not None and isinstance(raw_args, Mapping):
        _check_names([str(n) for n in raw_args], list(arg_names), out)
    size_order = _order({n: r.names & defined for n, r in sizes}, ("sizes",), out)
    arg_order = _order({n: s.args_used() & set(args) for n, s in args.items()}, ("args",), out)
    if out.problems:
        raise SpecError(out.problems)
    ranges = dict(sizes)
    return Plan(tuple((n, ranges[n]) for n in size_order), tuple((n, args[n]) for n in arg_order))


def _check_names(args: list[str], arg_names: list[str], out: _Collector) -> None:
    for name in args:
        if name not in arg_names:
            out.add(("args", name), f"unknown argument {name!r} (the function takes {', '.join(arg_names)})")
    given = [n for n in arg_names if n in args]
    if given != arg_names[:len(given)]:
        missing = [n for n in arg_names[:arg_names.index(given[-1])] if n not in args]
        out.add(("args",), f"no spec for argument {missing[0]!r} (only trailing arguments may be left out)")
    elif not given:
        out.add(("args",), f"no spec for argument {arg_names[0]!r}")


def _order(deps: Mapping[str, frozenset[str]], at: At, out: _Collector) -> list[str]:
    """Names in declaration order, each after what it depends on; a cycle is a problem."""
    done: list[str] = []
    state: dict[str, int] = {}

    def visit(name: str, chain: list[str]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            out.add(at + (name,), "refers to itself: " + " -> ".join(chain + [name]))
            return
        state[name] = 1
        for dep in sorted(deps[name]):
            visit(dep, chain + [name])
        state[name] = 2
        done.append(name)

    for name in deps:
        visit(name, [])
    return done


def _parse_sizes(raw: Any, out: _Collector) -> list[tuple[str, IntRange]]:
    if not isinstance(raw, Mapping):
        out.add(("sizes",), "sizes is a mapping of names to ranges, for example {n: [1, 10], m: [1, n]}")
        return []
    found = []
    for name, value in raw.items():
        if not (isinstance(name, str) and name.isidentifier()):
            out.add(("sizes", name), f"a size name is a word such as n or rows, not {name!r}")
            continue
        rng = _int_range(value, ("sizes", name), out)
        if rng is not None:
            found.append((name, rng))
    return found


def _expr(value: Any, at: At, out: _Collector) -> Expr | None:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        out.add(at, f"expected a size: a whole number, a size name or an expression such as n + 1, not {value!r}")
        return None
    try:
        return parse_expr(str(value))
    except ValueError as exc:
        out.add(at, str(exc))
        return None


def _int_range(value: Any, at: At, out: _Collector) -> IntRange | None:
    """`[lo, hi]` of size expressions, or one expression (exactly that value)."""
    if isinstance(value, list):
        if len(value) != 2:
            split = any(isinstance(v, str) and v.count("(") != v.count(")") for v in value)
            hint = ": YAML splits min(m, n) at its comma, so quote it: \"min(m, n)\"" if split else ""
            out.add(at, f"a range is [low, high], two values, not {len(value)}{hint}")
            return None
        lo, hi = _expr(value[0], at + (0,), out), _expr(value[1], at + (1,), out)
        return IntRange(lo, hi) if lo is not None and hi is not None else None
    one = _expr(value, at, out)
    return IntRange(one, one) if one is not None else None


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _float_range(value: Any, at: At, out: _Collector, positive: bool = False, at_least: float | None = None,
                 what: str = "value") -> tuple[float, float] | None:
    """`[lo, hi]` of numbers or one number, with lo <= hi (and lo > 0 or lo >= at_least if asked)."""
    pair = value if isinstance(value, list) else [value, value]
    if len(pair) != 2 or not all(_number(v) for v in pair):
        out.add(at, f"expected a number or [low, high], not {value!r}")
        return None
    lo, hi = float(pair[0]), float(pair[1])
    if not (math.isfinite(lo) and math.isfinite(hi)):
        out.add(at, f"the {what} must be finite")
    elif lo > hi:
        out.add(at, f"the range [{pair[0]}, {pair[1]}] is empty: low must not exceed high")
    elif positive and lo <= 0:
        out.add(at, f"the {what} must be positive (it is drawn log-uniformly), not {pair[0]}")
    elif at_least is not None and lo < at_least:
        out.add(at, f"the {what} must be at least {at_least:g}, not {pair[0]}")
    else:
        return lo, hi
    return None


def _parse_spec(raw: Any, at: At, out: _Collector) -> ArgSpec | None:
    if not isinstance(raw, Mapping):
        out.add(at, "an argument's spec is a mapping such as {normal: [n]} or {matrix: [m, n], cond: 100}")
        return None
    kinds = [k for k in raw if k in KINDS]
    if len(kinds) != 1:
        what = "none" if not kinds else ", ".join(kinds)
        out.add(at, f"give exactly one kind of value ({', '.join(KINDS)}); found {what}")
        return None
    kind = kinds[0]
    for key in raw:
        if key != kind and key not in KINDS[kind]:
            allowed = ", ".join(sorted(KINDS[kind])) or "no options"
            users = sorted(k for k, opts in KINDS.items() if key in opts)
            hint = f"; it applies to {', '.join(users)}" if users else ""
            out.add(at + (key,), f"{kind!r} takes no option {key!r} (it takes: {allowed}){hint}")
    before = len(out.problems)
    operand = _OPERANDS[kind](raw[kind], at + (kind,), out)
    options = {k: _parse_option(kind, k, raw[k], at + (k,), out) for k in raw if k in KINDS[kind]}
    alternatives: tuple[ArgSpec, ...] = ()
    if kind == "one_of":
        alternatives = tuple(a for a in operand if a is not None) if operand is not None else ()
        _check_weights(options.get("weights"), len(alternatives), at + ("weights",), out)
    if kind == "choice" and operand is not None:
        _check_weights(options.get("weights"), len(operand), at + ("weights",), out)
    if kind == "float" and options.get("log") and operand is not None and operand[0] <= 0:
        out.add(at + ("float",), "with log: true the range must be positive")
    if kind == "uniform" and _number(raw.get("low", 0.0)) and _number(raw.get("high", 1.0)) \
            and raw.get("low", 0.0) > raw.get("high", 1.0):
        out.add(at + ("low",), f"low ({raw['low']}) exceeds high ({raw.get('high', 1.0)})")
    if kind == "symmetric" and isinstance(options.get("eigenvalues"), tuple):
        lo, hi = options["eigenvalues"]
        if hi <= lo:
            out.add(at + ("eigenvalues",), "eigenvalues is a range [low, high] with low < high")
    if len(out.problems) > before:
        return None
    return ArgSpec(kind, operand, options, alternatives)


def _check_weights(weights: Any, count: int, at: At, out: _Collector) -> None:
    if weights is None:
        return
    if len(weights) != count:
        out.add(at, f"give one weight per alternative: {count}, not {len(weights)}")
    elif sum(weights) <= 0:
        out.add(at, "the weights must not all be zero")


def _shape(value: Any, at: At, out: _Collector) -> tuple[Expr, ...] | None:
    if not isinstance(value, list):
        out.add(at, f"a shape is a list of sizes or numbers such as [n] or [m, 3] ([] for a number), not {value!r}")
        return None
    exprs = [_expr(v, at + (i,), out) for i, v in enumerate(value)]
    return tuple(e for e in exprs if e is not None) if all(e is not None for e in exprs) else None


def _square(value: Any, at: At, out: _Collector) -> Expr | None:
    if isinstance(value, list):
        out.add(at, f"give one size (the matrix is square), such as n or 4, not {value!r}")
        return None
    return _expr(value, at, out)


def _pair_shape(value: Any, at: At, out: _Collector) -> tuple[Expr, ...] | None:
    shape = _shape(value, at, out)
    if shape is not None and len(shape) != 2:
        out.add(at, f"a matrix shape is [rows, columns], not {len(shape)} sizes")
        return None
    return shape


def _choices(value: Any, at: At, out: _Collector) -> tuple[Any, ...] | None:
    if not isinstance(value, list) or not value:
        out.add(at, "choice is a non-empty list of values, for example [1, 2, .inf]")
        return None
    return tuple(value)


def _alternatives(value: Any, at: At, out: _Collector) -> tuple[ArgSpec | None, ...] | None:
    if not isinstance(value, list) or not value:
        out.add(at, "one_of is a non-empty list of specs, for example [{normal: [n]}, {uniform: [n]}]")
        return None
    return tuple(_parse_spec(v, at + (i,), out) for i, v in enumerate(value))


def _related(value: Any, at: At, out: _Collector) -> str | None:
    if not isinstance(value, str) or not value.isidentifier():
        out.add(at, f"related names another argument (a vector), such as a, not {value!r}")
        return None
    return value


_OPERANDS: dict[str, Any] = {
    "normal": _shape,
    "uniform": _shape,
    "integer": _int_range,
    "float": lambda v, at, out: _float_range(v, at, out),
    "choice": _choices,
    "matrix": _pair_shape,
    "symmetric": _square,
    "spd": _square,
    "orthogonal": _square,
    "probability": _square,
    "related": _related,
    "one_of": _alternatives,
}


def _parse_option(kind: str, key: str, value: Any, at: At, out: _Collector) -> Any:
    if key == "scale":
        return _float_range(value, at, out, positive=True, what="scale")
    if key == "cond":
        return _float_range(value, at, out, at_least=1.0, what="condition number")
    if key == "alpha":
        return _float_range(value, at, out, positive=True, what="Dirichlet concentration alpha")
    if key == "eigenvalues":
        return _float_range(value, at, out, what="eigenvalue range")
    if key in ("rank", "zeros"):
        return _int_range(value, at, out)
    if key in ("low", "high", "gap", "peak"):
        if not _number(value) or not math.isfinite(value):
            out.add(at, f"{key} is a number, not {value!r}")
        elif key == "gap" and value <= 0:
            out.add(at, "gap is the smallest distance between eigenvalues: a positive number")
        elif key == "peak" and not 0 < value <= 1:
            out.add(at, "peak is the least magnitude of the largest entry, before scaling: in (0, 1]")
        return float(value) if _number(value) else None
    if key in ("log", "mixed_signs"):
        if not isinstance(value, bool):
            out.add(at, f"{key} is true or false, not {value!r}")
        return bool(value)
    if key == "signs":
        if value != "random":
            out.add(at, f"signs: random is the only setting (each entry's sign drawn at random), not {value!r}")
        return value
    if key == "peak_sign":
        if value not in ("negative", "positive"):
            out.add(at, f"peak_sign is negative or positive, not {value!r}")
        return value
    if key == "relation":
        names = value if isinstance(value, list) else [value]
        bad = [v for v in names if v not in RELATIONS]
        if bad or not names:
            out.add(at, f"relation is one of {', '.join(RELATIONS)} or a list of them, not {value!r}")
        return tuple(names)
    if key == "weights":
        if not isinstance(value, list) or not all(_number(w) and w >= 0 for w in value):
            out.add(at, f"weights is a list of non-negative numbers, not {value!r}")
            return None
        return tuple(float(w) for w in value)
    raise AssertionError(f"option {key!r} of {kind!r} has no parser")  # KINDS and this function disagree
