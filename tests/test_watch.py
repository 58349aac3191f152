"""`grade watch` driven through a real pseudo-terminal: saves are graded, keys work, q leaves nothing running."""

from __future__ import annotations

import io
import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from conftest import EXERCISES, ROOT, SOLUTIONS

pexpect = pytest.importorskip("pexpect")  # in the `test` extra; POSIX ptys

SAVE_SECONDS = 30  # generous under a loaded machine; alone a save is graded within a second or two


def descendants(pid: int) -> set[int]:
    """Every living process below pid (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def save(path: Path, source: str) -> None:
    """Save as an editor would: write a new file and rename it over the old one."""
    tmp = path.with_suffix(".py.new")
    tmp.write_text(source)
    os.replace(tmp, path)


def spawn_watch(root: Path, *args: str, color: bool = False) -> "pexpect.spawn":
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    env.pop("GRADE_SEED", None)
    if color:
        env.pop("NO_COLOR")
    return pexpect.spawn(sys.executable, ["-m", "grader.cli", "watch", *args, "--exercises", str(root),
                                          "--cases", "4", "--seed", "1"], cwd=str(ROOT), env=env, encoding="utf-8",
                         timeout=SAVE_SECONDS, dimensions=(50, 160))


@pytest.fixture()
def course(tmp_path: Path) -> Path:
    root = tmp_path / "course" / "exercises"
    shutil.copytree(EXERCISES, root)
    return root


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process tree read from /proc")
def test_watch_stub_wrong_correct_hint_quit(course: Path) -> None:
    stub = course / "determinant" / "determinant.py"
    child = spawn_watch(course, "determinant")
    log = io.StringIO()
    child.logfile_read = log
    try:
        child.expect("Watching determinant")
        child.expect(r"determinant \(determinant\): not_implemented")
        child.expect(r"Progress: 0/40 passed")
        child.expect("keys: h hint")
        below = descendants(child.pid)
        assert below, "the isolated runner should be running under grade watch"

        started = time.monotonic()
        right = (SOLUTIONS / "determinant" / "correct_gauss.py").read_text()
        save(stub, right + "\n\n_right = determinant\n\n\ndef determinant(A):\n    return -_right(A)\n")
        child.expect(r"determinant \(determinant\): failed")
        child.expect(r"likely mistake: (the sign is flipped|you returned \|det A\|)")  # which one: the seed's dets
        child.expect("keys: h hint")
        wrong_seconds = time.monotonic() - started

        started = time.monotonic()
        save(stub, (SOLUTIONS / "determinant" / "correct_gauss.py").read_text())
        child.expect(r"determinant \(determinant\): passed")
        child.expect("determinant passed!")
        child.expect("Next exercise: slogdet")
        child.expect("Watching slogdet")
        child.expect(r"slogdet \(determinant\): not_implemented")
        child.expect(r"Progress: 1/40 passed")
        child.expect("keys: h hint")
        right_seconds = time.monotonic() - started
        print(f"save graded in {wrong_seconds:.2f} s (wrong), {right_seconds:.2f} s (correct, then the next one)")
        assert wrong_seconds < SAVE_SECONDS and right_seconds < SAVE_SECONDS

        child.send("h")
        child.expect(r"Hint 1/\d+: ")
        child.send("l")
        child.expect(r">\s+slogdet\s+not_implemented")
        child.send("n")
        child.expect("Next exercise: triangle_area")
        child.expect(r"triangle_area \(determinant\): not_implemented")
        child.expect("keys: h hint")
        below |= descendants(child.pid)
        child.send("q")
        child.expect("Stopped watching.")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0, (child.exitstatus, child.signalstatus)
    assert "\x1b[" not in log.getvalue()  # NO_COLOR: plain text even on a terminal
    deadline = time.monotonic() + 5
    while any(alive(p) for p in below) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in below if alive(p)], "processes left running after q"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process tree read from /proc")
def test_watch_survives_syntax_error_and_infinite_loop_and_exits_on_ctrl_c(course: Path) -> None:
    stub = course / "determinant" / "determinant.py"
    child = spawn_watch(course, "determinant")
    try:
        child.expect("keys: h hint")
        save(stub, "import numpy as np\n\ndef determinant(A:\n    return 1.0\n")
        child.expect("syntax error at line 3")
        child.expect("keys: h hint")
        save(stub, "def determinant(A):\n    while True:\n        pass\n")
        child.expect(r"determinant \(determinant\): timeout", timeout=90)
        child.expect("keys: h hint")
        save(stub, (SOLUTIONS / "determinant" / "correct_gauss.py").read_text())
        child.expect(r"determinant \(determinant\): passed")
        child.expect("keys: h hint")
        below = descendants(child.pid)
        child.sendintr()
        child.expect("Stopped watching.")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0, (child.exitstatus, child.signalstatus)
    deadline = time.monotonic() + 5
    while any(alive(p) for p in below) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in below if alive(p)], "processes left running after Ctrl-C"


def test_watch_without_an_exercise_starts_at_the_first_unfinished_one(course: Path) -> None:
    (course.parent / ".grade").mkdir()
    (course.parent / ".grade" / "state.json").write_text(
        '{"results": {"vector_arithmetic": {"status": "passed"}, "dot_product": {"status": "failed"}}}')
    child = spawn_watch(course, color=True)
    try:
        child.expect("Watching dot_product")
        child.expect("dot_product \\(vectors\\): \x1b\\[33mnot_implemented")  # colour on a terminal
        child.expect(r"Progress: 1/40 passed")
        child.expect("keys: h hint")
        child.send("q")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
