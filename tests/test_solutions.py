"""Other people's solutions, per exercise: every correct style passes, every known mistake is named.

tests/solutions/<exercise>/ and exercises/<topic>/mutants/<exercise>/ (plausible learner algorithms
with their typical flaws) hold files named by what they are:
- correct_*.py   correct solutions (vectorized, loops, naive methods): pass on 5 seeds;
- mistake_<rule>[_*].py  a known mistake: fails, and a failing case names mistake <rule>;
- wrong_*.py     other wrong answers: never pass;
- banned_*.py    uses a banned call, however disguised: status banned.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import EXERCISES, SOLUTIONS

SEEDS = (0, 1, 2, 3, 4)


def solution_files() -> list[tuple[str, Path]]:
    """(exercise id, file) for every file in tests/solutions/<id>/."""
    return [(folder.name, file) for folder in sorted(SOLUTIONS.iterdir()) if folder.is_dir()
            for file in sorted(folder.glob("*.py"))]


def mutant_files() -> list[tuple[str, Path]]:
    """(exercise id, file) for every algorithmic mutant in exercises/<topic>/mutants/<id>/."""
    return [(folder.name, file) for folder in sorted(EXERCISES.glob("*/mutants/*")) if folder.is_dir()
            for file in sorted(folder.glob("*.py"))]


def ids(item: tuple[str, Path]) -> str:
    mutant = "mutants" in item[1].parts
    return f"{'mutant:' if mutant else ''}{item[0]}/{item[1].stem}"


def test_every_exercise_has_three_mutants(course: Any) -> None:
    counts = {exercise_id: 0 for exercise_id in course.exercises}
    for exercise_id, file in mutant_files():
        assert exercise_id in counts, f"{file}: no exercise {exercise_id!r}"
        assert file.stem.split("_")[0] in ("mistake", "wrong"), f"{file.name}: mutants are mistake_* or wrong_*"
        counts[exercise_id] += 1
    assert all(n >= 3 for n in counts.values()), {k: n for k, n in counts.items() if n < 3}


def test_named_mistake_share() -> None:
    """At least 90% of the files making a mistake are mistake_ files (each proven named by test_solution)."""
    kinds = [file.stem.split("_")[0] for _, file in solution_files() + mutant_files()]
    named, unnamed = kinds.count("mistake"), kinds.count("wrong")
    assert named / (named + unnamed) >= 0.9, (named, unnamed)


@pytest.mark.parametrize("item", solution_files() + mutant_files(), ids=ids)
def test_solution(item: tuple[str, Path], grader: Any, course: Any) -> None:
    exercise_id, file = item
    ex = course.get(exercise_id)
    kind = file.stem.split("_")[0]
    if kind == "correct":
        for seed in SEEDS:
            result = grader.grade(ex, file, seed)
            failure = result.first_failure
            assert result.status.value == "passed", (seed, result.message, failure and failure.message)
    elif kind == "mistake":
        rule = file.stem[len("mistake_"):]
        known = [m.id for m in ex.mistakes] + ["mutated_input"]
        rule = next((r for r in sorted(known, key=len, reverse=True) if rule == r or rule.startswith(r + "_")), rule)
        assert rule in known, f"{file.name}: no mistake rule {rule!r} in {exercise_id} ({known})"
        named = set()
        for seed in SEEDS[:3]:
            result = grader.grade(ex, file, seed)
            assert result.status.value != "passed", (seed, "a known mistake passed")
            here = {c.mistake_id for c in result.cases if not c.passed and not c.hidden} - {None, "mutated_input"}
            first = result.first_failure
            assert not here or (first is not None and first.mistake_id), \
                (seed, "the first failing case shown is not one a named mistake explains", first and first.name)
            named |= {c.mistake_id for c in result.cases if not c.passed}
        assert rule in named, f"mistake {rule!r} never named; named: {named}"
    elif kind == "wrong":
        for seed in SEEDS[:3]:
            result = grader.grade(ex, file, seed)
            assert result.status.value != "passed", (seed, "a wrong answer passed")
    elif kind == "banned":
        result = grader.grade(ex, file, 0)
        assert result.status.value == "banned", (result.status, result.message)
        assert "line" in result.message
    else:
        pytest.fail(f"{file.name}: name solution files correct_*, mistake_<rule>*, wrong_* or banned_*")
