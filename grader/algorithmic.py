"""Algorithmic mutants for `grade validate`: learner-style wrong files and "ignores one argument".

Files live in exercises/<topic>/mutants/<exercise_id>/*.py, named like tests/solutions:
- mistake_<rule>[_x].py must fail, and some failing case must name mistake <rule>;
- wrong_<x>.py must fail.
Besides the files, for every argument the reference with that argument replaced by a constant
(its default, or ones of the same shape) must fail some case: a check or case set that cannot
tell the argument was ignored proves nothing about it.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np

from grader.definition import Exercise
from grader.grading import Grader, call_with
from grader.inputs import Case

MUTANT_SEEDS = (0,)  # one seed: tests/test_solutions.py proves the same files over three


@dataclass(frozen=True)
class MutantRun:
    """What one mutant file got: its status, the mistakes named on failing cases, and whether that is right."""

    file: Path
    status: str
    named: tuple[str, ...]
    ok: bool
    why: str = ""


def mutant_files(ex: Exercise) -> list[Path]:
    """The exercise's learner-style mutant files (exercises/<topic>/mutants/<id>/*.py)."""
    folder = ex.path.parent / "mutants" / ex.id
    return sorted(folder.glob("*.py")) if folder.is_dir() else []


def expected_rule(ex: Exercise, file: Path) -> str | None:
    """The mistake id a mistake_<rule>[_x].py file must get named (longest matching rule id)."""
    stem = file.stem[len("mistake_"):]
    known = [m.id for m in ex.mistakes] + ["mutated_input"]
    return next((r for r in sorted(known, key=len, reverse=True) if stem == r or stem.startswith(r + "_")), None)


def run_mutant(ex: Exercise, file: Path, grader: Grader) -> MutantRun:
    """Grade one mutant file and judge it against its name."""
    kind = file.stem.split("_")[0]
    if kind not in ("mistake", "wrong"):
        return MutantRun(file, "-", (), False, "name mutant files mistake_<rule>*.py or wrong_*.py")
    rule = expected_rule(ex, file) if kind == "mistake" else None
    if kind == "mistake" and rule is None:
        return MutantRun(file, "-", (), False, f"no mistake rule named by {file.stem!r}")
    named: set[str] = set()
    status = "passed"
    for seed in MUTANT_SEEDS:
        result = grader.grade(ex, file, seed)
        status = result.status.value
        if status == "passed":
            return MutantRun(file, status, (), False, f"it passes (seed {seed})")
        named |= {c.mistake_id for c in result.cases if not c.passed and c.mistake_id}
    if rule is not None and rule not in named:
        return MutantRun(file, status, tuple(sorted(named)), False, f"mistake {rule!r} is never named")
    return MutantRun(file, status, tuple(sorted(named)), True)


def constant_for(reference: Callable[..., Any], name: str, value: Any) -> Any | None:
    """What a learner who ignores `name` effectively uses: its default, or a constant of its kind."""
    try:
        param = inspect.signature(reference).parameters.get(name)
    except (TypeError, ValueError):
        param = None
    if param is not None and param.default is not inspect.Parameter.empty:
        return param.default
    if callable(value) or value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return not value
    if isinstance(value, (int, np.integer)):
        return 1
    if isinstance(value, (float, np.floating)):
        return 1.0
    if isinstance(value, np.ndarray):
        return np.ones_like(value)
    return None


def ignored_argument(reference: Callable[..., Any], case: Case, name: str) -> tuple[bool, Any]:
    """(applies, answer): the reference's answer with argument `name` replaced by a constant.

    applies is False when no constant can stand in or it equals the case's own value. An
    answer of None with applies True means the reference raised: a learner's code doing
    the same fails that case.
    """
    value = case.args[name]
    constant = constant_for(reference, name, value)
    if constant is None:
        return False, None
    try:
        same = np.array_equal(np.asarray(constant), np.asarray(value))
    except (TypeError, ValueError):
        same = False
    if same:
        return False, None
    args = {**case.args, name: constant}
    try:
        with np.errstate(all="ignore"):
            return True, call_with(reference, args)
    except Exception:  # noqa: BLE001 - the stand-in may be outside the reference's domain
        return True, None
