"""The learner's commands through the real CLI: list, hint, all, seeds, state."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXERCISES, ROOT, SOLUTIONS, run_grade


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    """A copy of the course, so state files and stubs can be touched freely."""
    shutil.copytree(EXERCISES, tmp_path / "exercises")
    return tmp_path


def test_list_groups_every_exercise_under_its_topic(workspace: Path, course: object) -> None:
    proc = run_grade("list", cwd=workspace)
    assert proc.returncode == 0, proc.stderr
    listing, progress = proc.stdout.split("\n\nProgress: ", 1)  # the course, then the progress summary
    assert progress.startswith("0/40 passed")
    lines = listing.splitlines()
    topics = [line for line in lines if not line.startswith(" ")]
    assert len(topics) == len(set(topics)), "each topic is listed once"
    listed = {line.split()[0] for line in lines if line.startswith("  ")}
    assert listed == set(course.exercises)


def test_list_shows_the_last_result(workspace: Path) -> None:
    good = SOLUTIONS / "vector_arithmetic" / "correct_vectorized.py"
    shutil.copy(good, workspace / "exercises" / "vectors" / "vector_arithmetic.py")
    assert run_grade("vector_arithmetic", "--seed", "1", cwd=workspace).returncode == 0
    proc = run_grade("list", cwd=workspace)
    row = next(line for line in proc.stdout.splitlines() if line.strip().startswith("vector_arithmetic"))
    assert "passed" in row
    assert (workspace / ".grade" / "state.json").exists()


def test_hints_unlock_one_at_a_time_and_are_remembered(workspace: Path, course: object) -> None:
    hints = course.get("determinant").hints
    first = run_grade("hint", "determinant", cwd=workspace)
    assert first.returncode == 0
    assert "Hint 1/" in first.stdout and "Hint 2/" not in first.stdout
    second = run_grade("hint", "determinant", cwd=workspace)
    assert "Hint 1/" in second.stdout and "Hint 2/" in second.stdout
    for _ in range(len(hints)):
        last = run_grade("hint", "determinant", cwd=workspace)
    assert f"Hint {len(hints)}/{len(hints)}" in last.stdout and "last hint" in last.stdout


def test_grading_works_in_a_read_only_workspace(workspace: Path) -> None:
    (workspace / ".grade").mkdir()
    (workspace / ".grade").chmod(0o500)
    (workspace / ".grade" / "state.json").parent.chmod(0o500)
    proc = run_grade("vector_arithmetic", "--seed", "1", cwd=workspace)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr


def test_untouched_course_is_not_implemented_everywhere(workspace: Path, course: object) -> None:
    proc = run_grade("all", "--seed", "3", "--format", "json", "--cases", "2", cwd=workspace, timeout=300)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert {e["exercise"] for e in report["exercises"]} == set(course.exercises)
    assert {e["status"] for e in report["exercises"]} == {"not_implemented"}
    assert report["score"] == 0 and report["passed"] is False


def test_same_seed_same_report_and_grade_seed_env() -> None:
    bad = str(SOLUTIONS / "determinant" / "mistake_sign_flipped.py")
    one = run_grade("determinant", "--file", bad, "--seed", "77", "--format", "json")
    two = run_grade("determinant", "--file", bad, "--format", "json", env={"GRADE_SEED": "77"})
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert json.loads(one.stdout)["seed"] == 77
    other = run_grade("determinant", "--file", bad, "--seed", "78", "--format", "json")
    assert json.loads(other.stdout)["cases"] != json.loads(one.stdout)["cases"]


def test_without_a_seed_a_fresh_one_is_reported_and_reproduces() -> None:
    bad = str(SOLUTIONS / "determinant" / "mistake_sign_flipped.py")
    first = json.loads(run_grade("determinant", "--file", bad, "--format", "json").stdout)
    again = run_grade("determinant", "--file", bad, "--format", "json", "--seed", str(first["seed"]))
    assert json.loads(again.stdout) == first


def test_submission_folder_and_output_file(tmp_path: Path) -> None:
    sub = tmp_path / "sub" / "vectors"
    sub.mkdir(parents=True)
    shutil.copy(SOLUTIONS / "vector_arithmetic" / "correct_loops.py", sub / "vector_arithmetic.py")
    out = tmp_path / "report.json"
    proc = run_grade("vector_arithmetic", "--submission", str(tmp_path / "sub"), "--seed", "2", "--format", "json",
                     "--output", str(out))
    assert proc.returncode == 0 and proc.stdout == ""
    assert json.loads(out.read_text())["status"] == "passed"


def on_terminal(*args: str, env: dict[str, str]) -> str:
    """Run grade with its standard output on a pseudo-terminal; return what it wrote."""
    main, secondary = pty.openpty()
    proc = subprocess.run([sys.executable, "-m", "grader.cli", *args], cwd=ROOT, stdout=secondary,
                          stderr=subprocess.PIPE, env=env, timeout=120)
    os.close(secondary)
    chunks = []
    while select.select([main], [], [], 0.2)[0]:
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(main)
    assert proc.returncode in (0, 1)
    return b"".join(chunks).decode()


def test_colour_only_on_a_terminal_and_never_with_no_color() -> None:
    bad = str(SOLUTIONS / "determinant" / "mistake_sign_flipped.py")
    plain = run_grade("determinant", "--file", bad, "--seed", "1")
    assert "\x1b[" not in plain.stdout
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert "\x1b[31m" in on_terminal("determinant", "--file", bad, "--seed", "1", env=env)
    assert "\x1b[" not in on_terminal("determinant", "--file", bad, "--seed", "1", env={**env, "NO_COLOR": "1"})


def test_exercises_option_and_env(tmp_path: Path) -> None:
    proc = run_grade("list", "--exercises", str(EXERCISES), cwd=tmp_path)
    assert proc.returncode == 0 and "vector_arithmetic" in proc.stdout
    proc = run_grade("list", cwd=tmp_path, env={"GRADE_EXERCISES": str(EXERCISES)})
    assert proc.returncode == 0 and "vector_arithmetic" in proc.stdout
    proc = run_grade("list", cwd=tmp_path)
    assert proc.returncode == 2 and "no exercises folder" in proc.stderr


def test_a_banned_call_made_inside_an_allowed_function_is_named_as_such(tmp_path: Path) -> None:
    file = tmp_path / "svd.py"
    file.write_text("import numpy as np\n\n\ndef svd(A):\n    top = np.linalg.norm(A, 2)\n    return top\n")
    proc = run_grade("svd", "--file", str(file), "--seed", "1", "--format", "json")
    report = json.loads(proc.stdout)
    assert proc.returncode == 1 and report["status"] == "banned"
    assert "numpy.linalg.svd is banned in this exercise (line 5, called inside numpy.linalg.norm)" in report["message"]


def test_the_reproduce_line_grades_the_same_file_on_the_same_cases(tmp_path: Path) -> None:
    """The reproduce line of a file given with --file (and of a submission folder) names it: run as printed,
    from the same folder, it fails on the same case with the same answer. It used to drop --file, and so
    graded the untouched stub instead."""
    import shlex

    mine = tmp_path / "my answer.py"  # a space: the line must quote it
    mine.write_text("def dot_product(a, b):\n    return float(sum(x * y for x, y in zip(a, b))) + 1e-3\n")
    proc = run_grade("dot_product", "--file", mine.name, "--exercises", str(EXERCISES), "--cases", "4",
                     "--format", "json", cwd=tmp_path)
    first = json.loads(proc.stdout)
    line = first["reproduce"]
    assert "--file 'my answer.py'" in line and "--cases 4" in line, line
    again = run_grade(*shlex.split(line)[1:], "--format", "json", cwd=tmp_path)
    second = json.loads(again.stdout)
    assert second["status"] == "failed" and second["seed"] == first["seed"], second
    assert [(c["name"], c["passed"], c.get("actual")) for c in second["cases"]] == \
        [(c["name"], c["passed"], c.get("actual")) for c in first["cases"]]
    text = run_grade(*shlex.split(line)[1:], cwd=tmp_path)
    assert f"reproduce: {line}" in text.stdout, text.stdout


def test_a_file_that_is_not_a_regular_file_is_named_as_such(tmp_path: Path) -> None:
    """A named pipe given as --file was called missing ('no such file'); a dangling link too. In a
    submission folder, a folder or a pipe where a file should be is an error that says so, not 'not
    attempted'."""
    pipe = tmp_path / "pipe.py"
    os.mkfifo(pipe)
    (tmp_path / "dangling.py").symlink_to(tmp_path / "gone.py")
    for name, said in (("pipe.py", "is not a regular file"), ("dangling.py", "is a link to nothing"),
                       ("absent.py", "no such file")):
        proc = run_grade("dot_product", "--file", str(tmp_path / name), "--exercises", str(EXERCISES), timeout=60)
        assert proc.returncode == 2 and said in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    sub = tmp_path / "submission"
    (sub / "vectors" / "dot_product.py").mkdir(parents=True)
    (sub / "matrices").mkdir()
    os.mkfifo(sub / "matrices" / "cross_product.py")
    proc = run_grade("all", "--submission", str(tmp_path / "submission"), "--exercises", str(EXERCISES),
                     "--format", "json", "--seed", "1", timeout=300)
    rows = {e["exercise"]: e for e in json.loads(proc.stdout)["exercises"]}
    assert rows["dot_product"]["status"] == "error" and "is a folder, not a file" in rows["dot_product"]["message"]
    assert rows["cross_product"]["status"] == "error" and "not a regular file" in rows["cross_product"]["message"]
    assert rows["matmul"]["status"] == "not_implemented"
