"""Cases from a definition and a seed: the same seed gives the same inputs on any machine."""

from __future__ import annotations

import copy
import zlib
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np

from grader import generators
from grader.definition import EdgeCase, Exercise, GenSpec
from grader.errors import DefinitionError


@dataclass(frozen=True)
class Case:
    """One graded case: its name, arguments in call order, and whether it is hidden."""

    name: str
    args: Mapping[str, Any]
    hidden: bool = False
    raises: str | None = None


def case_rng(seed: int, exercise_id: str, index: int) -> np.random.Generator:
    """The generator of one case, derived from the exercise's seed, so a case replays alone."""
    return np.random.default_rng(np.random.SeedSequence([seed, zlib.crc32(exercise_id.encode()), index]))


def build_cases(ex: Exercise, seed: int, count: int | None = None) -> list[Case]:
    """The random cases (count of them, default from the definition), then the edge cases."""
    count = ex.cases if count is None else count
    hidden_from = count - min(ex.hidden_cases, count)
    cases = [Case(f"random-{i + 1}", _generate(ex, ex.generate, case_rng(seed, ex.id, i), ("generate",)),
                  hidden=i >= hidden_from) for i in range(count)]
    for j, edge in enumerate(ex.edge_cases):
        cases.append(Case(f"edge-{edge.name}", _edge_args(ex, edge, seed, j), edge.hidden, edge.raises))
    return cases


def _edge_args(ex: Exercise, edge: EdgeCase, seed: int, j: int) -> dict[str, Any]:
    if edge.generate is not None:
        return _generate(ex, edge.generate, case_rng(seed, ex.id, 1_000_000 + j), ("edge_cases", j, "generate"))
    return _ordered(ex, {k: _literal(v) for k, v in (edge.args or {}).items()}, ("edge_cases", j, "args"))


def _literal(value: Any) -> Any:
    if isinstance(value, list):
        return np.asarray(value, dtype=complex if _has_complex(value) else float)
    return value


def _has_complex(value: Any) -> bool:
    return any(_has_complex(v) for v in value) if isinstance(value, list) else isinstance(value, complex)


def _generate(ex: Exercise, spec: GenSpec, rng: np.random.Generator, at: tuple[Any, ...]) -> dict[str, Any]:
    func = generators.lookup(spec.name)
    try:
        produced = func(rng, **dict(spec.params))
    except Exception as exc:  # noqa: BLE001 - a definition's fault, reported with its location
        raise DefinitionError([ex.problem(f"generator {spec.name!r} failed: {type(exc).__name__}: {exc}",
                                          *at)]) from None
    if not isinstance(produced, Mapping):
        raise DefinitionError([ex.problem(f"generator {spec.name!r} must return a mapping of arguments", *at)])
    return _ordered(ex, dict(produced), at)


def _ordered(ex: Exercise, args: dict[str, Any], at: tuple[Any, ...]) -> dict[str, Any]:
    unknown = [k for k in args if k not in ex.args]
    if unknown:
        raise DefinitionError([ex.problem(f"produced an argument {unknown[0]!r} that {ex.function} does not take "
                                          f"({', '.join(ex.args)})", *at)])
    present = [name for name in ex.args if name in args]
    if present != list(ex.args[:len(present)]):
        raise DefinitionError([ex.problem("arguments may only be left out from the end of the signature", *at)])
    return {name: args[name] for name in present}


def fresh(args: Mapping[str, Any]) -> dict[str, Any]:
    """Deep copies of a case's arguments, so no call can change the case."""
    return {k: copy.deepcopy(v) for k, v in args.items()}
