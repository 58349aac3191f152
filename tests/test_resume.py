"""`grade batch --resume`: a batch SIGKILLed at several points and resumed writes the gradebook an
uninterrupted run writes, and its journal holds each submission once; changed files are graded
again, a torn last journal line is ignored, other settings start the journal over."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, run_grade
from grader.journal import journal_path
from klass import make_big_class
from test_batch import COURSE, REL, correct, put

CASES = "4"


def batch_args(folder: Path, out: Path, *more: str) -> list[str]:
    return ["batch", str(folder), "--exercises", str(COURSE), "--cases", CASES, "-j", "2", "-o", str(out),
            "--json", str(out.with_suffix(".json")), *more]


def finished(journal: Path) -> int:
    """Whole lines after the header."""
    if not journal.exists():
        return 0
    return max(0, journal.read_bytes().count(b"\n") - 1)


def kill_after(args: list[str], journal: Path, lines: int) -> None:
    """Run `grade` and SIGKILL it once the journal holds that many finished submissions."""
    proc = subprocess.Popen([sys.executable, "-m", "grader.cli", *args], cwd=ROOT, env={**os.environ, "NO_COLOR": "1"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while proc.poll() is None and finished(journal) < lines and time.monotonic() < deadline:
            time.sleep(0.01)
        assert proc.poll() is None, "the batch finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)  # grade batch itself
        proc.wait(timeout=10)
    finally:
        kill_group(proc)  # its workers and learners' processes, if any stayed


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    work = tmp_path_factory.mktemp("resume")
    folder = make_big_class(work / "class")
    proc = run_grade(*batch_args(folder, work / "whole.csv"), timeout=300)
    assert proc.returncode == 0, proc.stderr
    return folder, (work / "whole.csv").read_text(), (work / "whole.json").read_text()


def journal_names(journal: Path) -> list[str]:
    return [json.loads(line)["submission"] for line in journal.read_text().splitlines()[1:]]


def test_killed_at_several_points_then_resumed_gives_the_same_gradebook(reference: tuple, tmp_path: Path) -> None:
    folder, csv_text, json_text = reference
    out = tmp_path / "g.csv"
    journal = tmp_path / "g.csv.journal"
    kill_after(batch_args(folder, out), journal, 0)  # killed before anything finished (at most the header)
    kill_after(batch_args(folder, out, "--resume"), journal, 4)
    seen = finished(journal)
    kill_after(batch_args(folder, out, "--resume"), journal, seen + 8)
    assert not out.exists()  # no half gradebook was ever written
    kept = len(journal_names(journal))
    assert kept >= 12
    proc = run_grade(*batch_args(folder, out, "--resume"), timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert f"({kept} taken from the journal)" in proc.stdout
    assert out.read_text() == csv_text
    assert out.with_suffix(".json").read_text() == json_text
    names = journal_names(journal)
    assert len(names) == len(set(names)), "a submission was graded twice"
    assert sorted(names) == sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_resume_regrades_changed_files_and_ignores_a_torn_line(reference: tuple, tmp_path: Path) -> None:
    folder, csv_text, _ = reference
    out = tmp_path / "g.csv"
    journal = tmp_path / "g.csv.journal"
    shutil.copy(folder.parent / "whole.csv.journal", journal)  # the uninterrupted run's journal
    whole = journal.read_text()
    with open(journal, "a") as torn:
        torn.write('{"submission": "perfect", "hash": "ab')  # a kill in the middle of a line
    proc = run_grade(*batch_args(folder, out, "--resume"), timeout=300)
    assert proc.returncode == 0, proc.stderr
    total = len(journal_names(journal))
    assert f"({total} taken from the journal)" in proc.stdout and out.read_text() == csv_text
    assert journal.read_text() == whole  # the torn line is gone, nothing else changed
    learner = folder / "empty" / REL["determinant"]  # the empty learner hands in one exercise
    learner.parent.mkdir(parents=True)
    try:
        learner.write_text(correct("determinant"))
        proc = run_grade(*batch_args(folder, out, "--resume"), timeout=300)
        assert proc.returncode == 0, proc.stderr
        assert f"({total - 1} taken from the journal)" in proc.stdout
        rows = {line.split(",")[0]: line for line in out.read_text().splitlines()}
        assert rows["empty"].endswith(",1,0,1")  # vector_arithmetic, determinant, eig_symmetric, total
        assert journal_names(journal).count("empty") == 2  # graded again because its files changed
    finally:
        learner.unlink()
        learner.parent.rmdir()


def test_other_settings_start_the_journal_over(reference: tuple, tmp_path: Path) -> None:
    folder, _, _ = reference
    small = tmp_path / "class"
    out = tmp_path / "g.csv"
    shutil.copytree(folder / "perfect", small / "perfect")
    proc = run_grade(*batch_args(small, out), timeout=120)
    assert proc.returncode == 0, proc.stderr
    proc = run_grade(*batch_args(small, out, "--resume", "--seed", "5"), timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "starting the journal" in proc.stderr and "taken from the journal" not in proc.stdout
    assert json.loads((tmp_path / "g.csv.journal").read_text().splitlines()[0])["seed"] == 5


def descendants(root: int) -> dict[int, bytes]:
    """Every process below root, by pid, with its start time (so a reused pid is not mistaken for it)."""
    parents: dict[int, tuple[int, bytes]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_bytes().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry)] = (int(fields[1]), fields[19])
    found: dict[int, bytes] = {}
    frontier = [root]
    while frontier:
        pid = frontier.pop()
        for child, (ppid, start) in parents.items():
            if ppid == pid and child not in found:
                found[child] = start
                frontier.append(child)
    return found


def alive(pid: int, start: bytes) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()
    except OSError:
        return False
    return fields[19] == start and fields[0] != b"Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def still_alive(below: dict[int, bytes], seconds: float = 4) -> list[int]:
    """The processes of `below` still running after waiting up to `seconds` for them to end."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(pid, start) for pid, start in below.items()):
        time.sleep(0.05)
    return [pid for pid, start in below.items() if alive(pid, start)]


def kill_group(proc: subprocess.Popen[Any]) -> None:
    """SIGKILL a test's batch and everything of its session that stayed (the test's own teardown)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def test_nothing_outlives_a_killed_batch(tmp_path: Path) -> None:
    """SIGKILL to `grade batch` alone (not its process group), while its workers grade slow learners (in the
    course, each case of vector_arithmetic takes 1.8 s of its 2, the exercise most of its 20): the workers,
    their isolated runners and the learners' processes end within seconds, instead of grading on for nobody
    until a result cannot be sent."""
    folder = tmp_path / "class"
    for name in ("slow-a", "slow-b"):
        put(folder / name, "vectors/vector_arithmetic.py",
            "import time\n\n\ndef vector_arithmetic(*args, **kwargs):\n    time.sleep(1.8)\n")
    out = tmp_path / "g.csv"
    args = ["batch", str(folder), "--exercises", str(ROOT / "exercises"), "-j", "2", "-o", str(out)]
    proc = subprocess.Popen([sys.executable, "-m", "grader.cli", *args], cwd=ROOT,
                            env={**os.environ, "NO_COLOR": "1"}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        below: dict[int, bytes] = {}
        while proc.poll() is None and time.monotonic() < deadline and len(below) < 5:
            below = descendants(proc.pid)  # both workers and their runners (a learner soon below each)
            time.sleep(0.05)
        time.sleep(0.5)
        below = descendants(proc.pid)
        assert proc.poll() is None, "the batch finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        left = still_alive(below)
        assert not left, f"left behind by the killed batch: {left}"
    finally:
        kill_group(proc)


def test_an_interrupted_batch_stops_at_once_and_says_how_to_go_on(tmp_path: Path) -> None:
    """^C (SIGINT to `grade batch`, as a terminal sends it to the whole process group) while the workers grade
    slow learners: it stopped only once each worker had finished its submission, with no word of --resume.
    Now the batch ends within seconds, nothing of it is left, and it names the journal and --resume."""
    folder = tmp_path / "class"
    for name in ("fast", "slow-a", "slow-b", "slow-c"):
        put(folder / name, "vectors/vector_arithmetic.py", correct("vector_arithmetic") if name == "fast" else
            "import time\n\n\ndef vector_arithmetic(*args, **kwargs):\n    time.sleep(1.8)\n")
    out = tmp_path / "g.csv"
    args = ["batch", str(folder), "--exercises", str(ROOT / "exercises"), "-j", "2", "-o", str(out)]
    proc = subprocess.Popen([sys.executable, "-m", "grader.cli", *args], cwd=ROOT, env={**os.environ, "NO_COLOR": "1"},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while proc.poll() is None and finished(journal_path(out)) < 1 and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.5)  # the slow learners' cases are running
        below = descendants(proc.pid)
        assert proc.poll() is None and below, "the batch finished before it could be interrupted"
        os.killpg(proc.pid, signal.SIGINT)
        started = time.monotonic()
        _out, err = proc.communicate(timeout=60)
        took = time.monotonic() - started
        assert proc.returncode == 130 and took < 6, (proc.returncode, took, err)
        assert "grade: interrupted" in err and "--resume" in err and str(journal_path(out)) in err, err
        assert "Traceback" not in err, err
        left = still_alive(below)
        assert not left, f"left behind by the interrupted batch: {left}"
    finally:
        kill_group(proc)
