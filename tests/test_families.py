"""Degenerate-input families and algorithmic mutants: declared for every exercise, enforced by validate."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np

from conftest import EXERCISES, run_grade
from grader import families


def test_every_exercise_declares_every_family(course: Any) -> None:
    for ex in course.exercises.values():
        assert ex.families is not None, f"{ex.id}: no families"
        assert families.undeclared(ex.families) == [], (ex.id, families.undeclared(ex.families))
        assert families.problems(ex, ex.families) == [], ex.id


def test_family_members_are_recognised() -> None:
    zero_col = {"A": np.array([[1.0, 0.0], [2.0, 0.0]])}
    assert families.FAMILIES["zero_column"].member(zero_col)
    assert not families.FAMILIES["zero_row"].member(zero_col)
    assert families.FAMILIES["rank_deficient"].member(zero_col)
    assert families.FAMILIES["repeated_rows"].member({"A": [[1.0, 2.0], [1.0, 2.0]]})
    assert families.FAMILIES["zero_input"].member({"X": [[1.0, 2.0]], "mask": [[False, False]]})
    assert not families.FAMILIES["zero_input"].member({"X": [[1.0, 2.0]], "mask": [[True, False]]})


def copy_topic(tmp_path: Path, topic: str) -> Path:
    """A course holding one real topic folder (definitions, stubs, mutants)."""
    target = tmp_path / "exercises" / topic
    shutil.copytree(EXERCISES / topic, target)
    return target


def test_validate_fails_a_family_without_a_case(tmp_path: Path) -> None:
    folder = copy_topic(tmp_path, "determinant")
    yaml_file = folder / "determinant.yaml"
    text = yaml_file.read_text()
    yaml_file.write_text(text.replace('zero_row: ["zero-row"]', "zero_row: []"))
    proc = run_grade("validate", "--quick", str(yaml_file))
    assert proc.returncode == 1, proc.stdout
    assert "determinant.yaml" in proc.stdout and "family 'zero_row' is declared applicable but no edge case covers it" \
        in proc.stdout, proc.stdout
    assert "Traceback" not in proc.stderr


def test_validate_fails_a_case_that_is_not_of_its_family(tmp_path: Path) -> None:
    folder = copy_topic(tmp_path, "determinant")
    yaml_file = folder / "determinant.yaml"
    yaml_file.write_text(yaml_file.read_text().replace('zero_row: ["zero-row"]', 'zero_row: ["1x1-negative"]'))
    proc = run_grade("validate", "--quick", str(yaml_file))
    assert proc.returncode == 1
    assert "edge case '1x1-negative' is not a matrix with an all-zero row" in proc.stdout, proc.stdout


def test_validate_fails_an_unknown_family_and_a_missing_case(tmp_path: Path) -> None:
    folder = copy_topic(tmp_path, "determinant")
    yaml_file = folder / "determinant.yaml"
    yaml_file.write_text(yaml_file.read_text().replace('zero_row: ["zero-row"]', 'zero_rows: ["no-such-case"]'))
    proc = run_grade("validate", "--quick", str(yaml_file))
    assert proc.returncode == 1
    assert "unknown family 'zero_rows'" in proc.stdout and "there is no edge case 'no-such-case'" in proc.stdout


def test_coverage_prints_families_and_mutants(tmp_path: Path) -> None:
    proc = run_grade("validate", "--seeds", "1", "--coverage", str(EXERCISES / "determinant" / "determinant.yaml"),
                     timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    assert "family   zero_column        singular-zero-column" in out
    assert "n/a      start_vector" in out
    assert "mutant   ignores-A" in out
    assert "mistake_zero_pivot_unguarded.py" in out and "zero_pivot" in out and "[ok]" in out


def test_validate_fails_a_mutant_that_passes_or_is_misnamed(tmp_path: Path) -> None:
    folder = copy_topic(tmp_path, "determinant")
    mutants = folder / "mutants" / "determinant"
    (mutants / "wrong_actually_correct.py").write_text(
        "import numpy as np\n\n"
        "def determinant(A):\n"
        "    U = np.array(A, dtype=float)\n"
        "    n, sign = U.shape[0], 1.0\n"
        "    for k in range(n):\n"
        "        p = k + int(np.argmax(np.abs(U[k:, k])))\n"
        "        if U[p, k] == 0:\n"
        "            return 0.0\n"
        "        if p != k:\n"
        "            U[[k, p]] = U[[p, k]]\n"
        "            sign = -sign\n"
        "        U[k + 1:, k:] -= np.outer(U[k + 1:, k] / U[k, k], U[k, k:])\n"
        "    return float(sign * np.prod(np.diag(U)))\n")
    shutil.copy(mutants / "mistake_float32.py", mutants / "mistake_absolute_value_but_float32.py")
    proc = run_grade("validate", "--seeds", "1", str(folder / "determinant.yaml"), timeout=300)
    assert proc.returncode == 1
    assert "wrong_actually_correct.py: it passes" in proc.stdout, proc.stdout
    assert "mistake_absolute_value_but_float32.py: mistake 'absolute_value' is never named" in proc.stdout


def test_validate_fails_when_ignoring_an_argument_passes(tmp_path: Path) -> None:
    folder = copy_topic(tmp_path, "eigen")
    yaml_file = folder / "power_iteration.yaml"
    text = "\n".join(line for line in yaml_file.read_text().splitlines() if not line.startswith("ignorable_args:"))
    yaml_file.write_text(text + "\n")
    proc = run_grade("validate", "--seeds", "1", str(yaml_file), timeout=300)
    assert proc.returncode == 1
    assert "the reference with `num_iters` replaced by a constant" in proc.stdout, proc.stdout
