"""Other people's solutions, per exercise: every correct style passes, every known mistake is named.

tests/solutions/<exercise>/ holds files named by what they are:
- correct_*.py   correct solutions (vectorized, loops, naive methods): pass on 5 seeds;
- mistake_<rule>[_*].py  a known mistake: fails, and a failing case names mistake <rule>;
- wrong_*.py     other wrong answers: never pass;
- banned_*.py    uses a banned call, however disguised: status banned.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import SOLUTIONS

SEEDS = (0, 1, 2, 3, 4)


def solution_files() -> list[tuple[str, Path]]:
    return [(folder.name, file) for folder in sorted(SOLUTIONS.iterdir()) if folder.is_dir()
            for file in sorted(folder.glob("*.py"))]


def ids(item: tuple[str, Path]) -> str:
    return f"{item[0]}/{item[1].stem}"


@pytest.mark.parametrize("item", solution_files(), ids=ids)
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
