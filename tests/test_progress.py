"""Progress: `grade progress` (text and JSON) and the end of `grade list`, from the state file or without it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import EXERCISES, SOLUTIONS, run_grade


def course_copy(tmp_path: Path) -> Path:
    root = tmp_path / "course" / "exercises"
    shutil.copytree(EXERCISES, root)
    return root


def test_progress_without_state_file_is_zero(tmp_path: Path) -> None:
    root = course_copy(tmp_path)
    proc = run_grade("progress", "--format", "json", "--exercises", str(root))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert (data["passed"], data["total"]) == (0, 40)
    assert len(data["topics"]) == 12
    from grader import state

    # reading progress never writes the state file (.grade/ may hold the compiled course, nothing else)
    assert not state.state_path(root).exists() and not state.home_state_path(root).exists()


def test_progress_counts_passed_exercises(tmp_path: Path) -> None:
    root = course_copy(tmp_path)
    shutil.copy(SOLUTIONS / "determinant" / "correct_gauss.py", root / "determinant" / "determinant.py")
    graded = run_grade("determinant", "--exercises", str(root), "--cases", "5")
    assert graded.returncode == 0, graded.stdout + graded.stderr
    run_grade("slogdet", "--exercises", str(root), "--cases", "3")  # the stub: not passed
    data = json.loads(run_grade("progress", "--format", "json", "--exercises", str(root)).stdout)
    assert data["passed"] == 1
    det = next(t for t in data["topics"] if t["topic"] == "determinant")
    assert (det["passed"], det["total"]) == (1, 3)
    statuses = {e["id"]: e["status"] for e in det["exercises"]}
    assert statuses == {"determinant": "passed", "slogdet": "not_implemented", "triangle_area": "-"}
    text = run_grade("progress", "--exercises", str(root)).stdout
    assert "Progress: 1/40 passed" in text
    assert any(line.split()[0] == "determinant" and line.endswith("1/3") for line in text.splitlines()[1:])


def test_list_ends_with_progress(tmp_path: Path) -> None:
    root = course_copy(tmp_path)
    (root.parent / ".grade").mkdir()
    (root.parent / ".grade" / "state.json").write_text(json.dumps(
        {"results": {"dot_product": {"status": "passed"}, "determinant": {"status": "failed"}}}))
    proc = run_grade("list", "--exercises", str(root))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Progress:"))
    assert lines[start].startswith("Progress: 1/40 passed")
    assert len(lines[start + 1:]) == 12  # a bar per topic, and nothing after
    assert "dot_product" in proc.stdout and "failed" in proc.stdout


def test_corrupt_state_file_is_ignored(tmp_path: Path) -> None:
    root = course_copy(tmp_path)
    (root.parent / ".grade").mkdir()
    (root.parent / ".grade" / "state.json").write_text("{not json")
    proc = run_grade("progress", "--exercises", str(root))
    assert proc.returncode == 0 and "Progress: 0/40 passed" in proc.stdout, proc.stdout + proc.stderr
