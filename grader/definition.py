"""Exercise definitions: strict YAML -> schema -> immutable objects."""

from __future__ import annotations

import inspect
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Mapping

from grader.dotted import add_search_path
from grader.errors import DefinitionError, Problem
from grader.yamlsrc import format_path, line_of, load_with_lines

RESERVED_IDS = frozenset({"all", "list", "hint", "validate", "batch", "run", "bundle", "reset", "help", "watch",
                          "progress", "notebook", "new", "doctor"})
SCHEMA_PATH = Path(__file__).with_name("schema.json")


@dataclass(frozen=True)
class Limits:
    """Resource limits of the learner's code; the defaults live here and only here."""

    case_seconds: float = 2.0
    exercise_seconds: float = 20.0
    memory_mb: int = 512
    output_kb: int = 8


@dataclass(frozen=True)
class GenSpec:
    """A named input generator and its parameters."""

    name: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EdgeCase:
    """A fixed case: literal arguments or a generator call with its own seed."""

    name: str
    args: Mapping[str, Any] | None = None
    generate: GenSpec | None = None
    hidden: bool = False
    raises: str | None = None


@dataclass(frozen=True)
class FixOp:
    """One transform of a learner's answer (see grader.mistakes)."""

    op: str
    item: int | None = None
    factor: float | None = None
    items: tuple[int, ...] = ()


@dataclass(frozen=True)
class MistakeRule:
    """A known mistake: how to recognise it, and what to tell the learner."""

    id: str
    message: str
    fix: tuple[FixOp, ...] = ()
    matches: str | None = None
    when: str | None = None
    example: str | None = None


@dataclass(frozen=True)
class CheckSpec:
    """The acceptance test and its parameters."""

    name: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Exercise:
    """One exercise, as loaded from its YAML file."""

    id: str
    topic: str
    title: str
    task: str
    function: str
    args: tuple[str, ...]
    stub: Path
    reference: str
    generate: GenSpec
    check: CheckSpec
    hints: tuple[str, ...]
    path: Path
    cases: int = 20
    hidden_cases: int = 0
    edge_cases: tuple[EdgeCase, ...] = ()
    banned: tuple[str, ...] = ()
    mistakes: tuple[MistakeRule, ...] = ()
    points: float = 1.0
    all_or_nothing: bool = False
    keep_inputs: bool = False  # changing an input in place fails (the task must say so)
    families: Mapping[str, Any] | None = field(default=None, compare=False, hash=False)  # grader/families.py
    ignorable_args: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)  # arg -> why
    limits: Limits = Limits()
    order: int = 0
    lines: Mapping[tuple[Any, ...], int] = field(default_factory=dict, compare=False, repr=False)

    def line(self, *at: Any) -> int | None:
        """Line in the YAML file of a field, for messages."""
        return line_of(dict(self.lines), tuple(at))

    def problem(self, message: str, *at: Any) -> Problem:
        """A Problem located at a field of this definition."""
        return Problem(str(self.path), self.line(*at), format_path(at), message)


def course_root(ex: "Exercise") -> Path:
    """The folder holding the exercises folder: a course's own modules are importable from there."""
    return ex.path.parent.parent.parent


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema  # deferred: only definition loading needs it

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def load(path: Path) -> Exercise:
    """Load and validate one definition; raise DefinitionError listing every problem."""
    data, lines = parse(path)
    return from_data(data, path, lines, check=True)


def parse(path: Path) -> tuple[dict[str, Any], dict[tuple[Any, ...], int]]:
    """Read one definition file and check it against the schema: its data and field lines."""
    data, lines = load_with_lines(path)
    file = str(path)
    if not isinstance(data, dict):
        raise DefinitionError([Problem(file, 1, "", "the file must hold a mapping of keys (id, topic, ...)")])
    problems = [_schema_problem(err, file, lines) for err in _validator().iter_errors(data)]
    problems.sort(key=lambda p: (p.line or 0, p.field))
    if problems:
        raise DefinitionError(problems)
    return data, lines


def from_data(data: dict[str, Any], path: Path, lines: dict[tuple[Any, ...], int], check: bool) -> Exercise:
    """Build the Exercise of schema-valid data; with check, also prove its names and files (else trusted)."""
    exercise = _build(data, path, lines)
    add_search_path(course_root(exercise))
    if check:
        problems = _semantic_problems(exercise)
        if problems:
            raise DefinitionError(problems)
    return exercise


def stub_path(data: dict[str, Any], path: Path) -> Path:
    """Where a definition's stub file is (it may not exist)."""
    return (path.parent / data["stub"]).resolve()


def _schema_problem(err: Any, file: str, lines: dict[tuple[Any, ...], int]) -> Problem:
    at = tuple(err.absolute_path)
    message = err.message
    if err.validator == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        if extra:
            at = at + (extra[0],)
            known = ", ".join(sorted(err.schema.get("properties", {})))
            message = f"unknown key {extra[0]!r} (known keys: {known})"
    elif err.validator == "required":
        message = f"missing required key: {err.message.split(' ')[0]}"
    elif err.validator == "type" and isinstance(err.instance, dict) and err.validator_value == "string":
        message = "expected text, but YAML read a mapping: put text containing ': ' in quotes"
    elif err.validator == "oneOf":
        message = f"{err.message.split(' is ')[0]} must have exactly one of: " + ", ".join(
            r["required"][0] for r in err.validator_value)
    return Problem(file, line_of(lines, at), format_path(at), message)


def _gen(raw: Mapping[str, Any]) -> GenSpec:
    params = {k: v for k, v in raw.items() if k != "gen"}
    return GenSpec(raw["gen"], MappingProxyType(params))


def _build(data: dict[str, Any], path: Path, lines: dict[tuple[Any, ...], int]) -> Exercise:
    check = dict(data["check"])
    name = check.pop("name")  # allclose without numbers: the course policy, its defaults in grader/checks/core.py
    return Exercise(
        id=data["id"], topic=data["topic"], title=data["title"], task=data["task"],
        function=data["function"], args=tuple(data["args"]),
        stub=stub_path(data, path), reference=data["reference"],
        generate=_gen(data["generate"]), check=CheckSpec(name, MappingProxyType(check)),
        hints=tuple(data["hints"]), path=path.resolve(),
        cases=data.get("cases", 20), hidden_cases=data.get("hidden_cases", 0),
        edge_cases=tuple(
            EdgeCase(e["name"], MappingProxyType(e["args"]) if "args" in e else None,
                     _gen(e["generate"]) if "generate" in e else None,
                     e.get("hidden", False), e.get("raises"))
            for e in data.get("edge_cases", [])),
        banned=tuple(data.get("banned", [])),
        mistakes=tuple(
            MistakeRule(m["id"], m["message"],
                        tuple(FixOp(f["op"], f.get("item"), f.get("factor"), tuple(f.get("items", ())))
                              for f in m.get("fix", [])),
                        m.get("matches"), m.get("when"), m.get("example"))
            for m in data.get("mistakes", [])),
        points=float(data.get("points", 1.0)), all_or_nothing=data.get("all_or_nothing", False),
        keep_inputs=data.get("keep_inputs", False),
        families=data.get("families"),
        ignorable_args=MappingProxyType(dict(data.get("ignorable_args", {}))),
        limits=Limits(**data.get("limits", {})), order=data.get("order", 0),
        lines=MappingProxyType(lines),
    )


def _semantic_problems(ex: Exercise) -> list[Problem]:
    from grader import checks, generators  # deferred: they import numpy

    problems: list[Problem] = []
    if ex.id in RESERVED_IDS:
        problems.append(ex.problem(f"{ex.id!r} is a command name and cannot be an exercise id", "id"))
    if not ex.stub.is_file():
        problems.append(ex.problem(f"the stub file {ex.stub} does not exist", "stub"))
    if len(set(ex.args)) != len(ex.args):
        problems.append(ex.problem("argument names repeat", "args"))
    if ex.hidden_cases > ex.cases:
        problems.append(ex.problem(f"hidden_cases ({ex.hidden_cases}) exceeds cases ({ex.cases})", "hidden_cases"))
    problems += _callable_problems(ex, ex.generate.name, ex.generate.params, generators.lookup, ("generate",), 1)
    problems += _generic_problems(ex, ex.generate, ("generate",))
    for i, edge in enumerate(ex.edge_cases):
        if edge.generate is not None:
            problems += _callable_problems(ex, edge.generate.name, edge.generate.params, generators.lookup,
                                           ("edge_cases", i, "generate"), 1)
            problems += _generic_problems(ex, edge.generate, ("edge_cases", i, "generate"))
        if edge.args is not None:
            unknown = sorted(set(edge.args) - set(ex.args))
            if unknown:
                problems.append(ex.problem(f"unknown argument {unknown[0]!r} (the function takes "
                                           f"{', '.join(ex.args)})", "edge_cases", i, "args", unknown[0]))
    problems += _callable_problems(ex, ex.check.name, ex.check.params, checks.lookup, ("check",), 1)
    names = [e.name for e in ex.edge_cases]
    for i, name in enumerate(names):
        if name in names[:i]:
            problems.append(ex.problem(f"edge case name {name!r} is used twice", "edge_cases", i, "name"))
    ids = [m.id for m in ex.mistakes]
    for i, mid in enumerate(ids):
        if mid in ids[:i]:
            problems.append(ex.problem(f"mistake id {mid!r} is used twice", "mistakes", i, "id"))
    return problems


def _generic_problems(ex: Exercise, spec: GenSpec, at: tuple[Any, ...]) -> list[Problem]:
    """Problems of a `gen: random` spec (the generic input language), each at its field."""
    if spec.name != "random":
        return []
    from grader.generators import generic  # deferred: imports numpy

    return [ex.problem(message, *at, *rel) for rel, message in generic.problems(spec.params, list(ex.args))]


def _callable_problems(ex: Exercise, name: str, params: Mapping[str, Any],
                       lookup: Callable[[str], Callable[..., Any]], at: tuple[Any, ...],
                       positional: int) -> list[Problem]:
    """Check that a named generator/check exists and accepts exactly the given parameters."""
    key = "gen" if at[-1] == "generate" else "name"
    try:
        func = lookup(name)
    except (ImportError, AttributeError, KeyError, ValueError) as exc:
        return [ex.problem(f"unknown {at[-1]} {name!r}: {exc}", *at, key)]
    sig = inspect.signature(func)
    takes_any = any(p.kind is p.VAR_KEYWORD for p in sig.parameters.values())
    accepted = [p.name for p in list(sig.parameters.values())[positional:]
                if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)]
    problems = []
    if not takes_any:
        for param in params:
            if param not in accepted:
                problems.append(ex.problem(f"{name!r} takes no parameter {param!r} (it takes: "
                                           f"{', '.join(accepted) or 'none'})", *at, param))
    return problems
