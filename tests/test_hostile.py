"""Hostile submissions: learner code cannot hang, crash, fool or escape the grader (issue 4).

tests/hostile/<scenario>/ holds `submission.py` and `verdict.json`:
- exercise: the pilot exercise it answers; status: the verdict it must get;
- says: phrases of the exercise's or first failing case's message; output_says / output_lacks:
  phrases that must (not) be in what the report shows of the learner's output;
- requires: defences the scenario depends on, else it is skipped: landlock (Linux >= 5.13), files
  (landlock, or root so that learner code runs as another user), tasks (a process limit: not when
  root keeps its privileges), seccomp (x86_64, aarch64), signals (seccomp, or another user, or
  Landlock >= 6), secrets (landlock, or another user: else every process of the grader's user that
  keeps the environment and stays dumpable, such as a CI shell, can be read through /proc), scratch
  (root that may mount: the working folder is a bounded tmpfs), cgroup (a control group per learner's
  process: memory of every kind counted per learner, not per process);
- in_all: also graded in the `grade all` run, as a copy of vector_arithmetic;
- repeat: {"line": text, "times": n}: the line appended n times to the submission (huge sources);
- links: {name: target}: symbolic links placed next to the submission (placeholders filled in);
- when: {feature: {status, says, ...}}: the verdict instead, where the sandbox reports that feature (a
  control group's memory limit stops a huge compile before the time limit does).

Submissions name placeholders filled in per run: @MARKER@ (a unique name every process the
scenario starts carries, looked for in /proc afterwards), @COURSE@ (the course: grader, references
and exercises, copied to a temporary folder so that a successful attack harms nothing),
@SUBMISSIONS@ (other learners' folders), @CANARY@ (a folder only the grader could write to).

Every scenario runs through the real CLI in a subprocess, with a secret in the grader's environment.
After each: the verdict is the expected one, grade returned within the exercise's limits plus a
margin, no process of the submission is running, no course file changed, no canary was written, and
the secret appears nowhere in what grade printed.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import numpy as np
import pytest

from conftest import ROOT, SOLUTIONS, linux_runner_only

HOSTILE = Path(__file__).resolve().parent / "hostile"
LIMITS = {"case_seconds": 1, "exercise_seconds": 2, "memory_mb": 256, "output_kb": 4}
CASES = 2
MARGIN = 8.0  # interpreter start, expected answers, killing and sweeping, on a shared, loaded machine
PILOTS = {"vector_arithmetic": "vectors", "determinant": "determinant", "eig_symmetric": "eigen"}
GOOD = {"vector_arithmetic": "correct_vectorized.py", "determinant": "correct_gauss.py",
        "eig_symmetric": "correct_eigh.py"}
TOKEN_NAME = "CLASSROOM_API_TOKEN"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Scenario:
    name: str
    verdict: dict[str, Any]

    @property
    def exercise(self) -> str:
        return self.verdict["exercise"]

    @property
    def clone(self) -> str:
        """Its exercise id in the `grade all` course (a copy of vector_arithmetic)."""
        return "hostile_" + self.name.replace("-", "_")


SCENARIOS = [Scenario(d.name, json.loads((d / "verdict.json").read_text()))
             for d in sorted(HOSTILE.iterdir()) if (d / "verdict.json").is_file()]


@dataclass
class World:
    """The temporary course, submissions and canary folder the scenarios run against."""

    base: Path
    course: Path
    submissions: Path
    canary: Path
    token: str
    features: dict[str, Any]
    markers: dict[str, str]
    unchanged: tuple[dict[str, str], dict[str, str]] = ({}, {})

    @property
    def exercises(self) -> Path:
        return self.course / "exercises"

    def fill(self, text: str, marker: str = "") -> str:
        """text with the placeholders filled in."""
        for key, value in {"@MARKER@": marker, "@COURSE@": str(self.course),
                           "@SUBMISSIONS@": str(self.submissions), "@CANARY@": str(self.canary)}.items():
            text = text.replace(key, value)
        return text

    def render(self, scenario: Scenario) -> str:
        source = self.fill((HOSTILE / scenario.name / "submission.py").read_text(), self.markers[scenario.name])
        repeat = scenario.verdict.get("repeat")  # {"line": ..., "times": n}: a source too big to keep in the repo
        if repeat:
            source += (repeat["line"] + "\n") * int(repeat["times"])
        return source

    def guarded(self) -> dict[str, str]:
        """Hash of every file the learner's code must not change or add to."""
        found = {}
        for folder in (self.course, self.canary, self.submissions / "good"):
            for path in sorted(folder.rglob("*")):
                if path.is_file() or path.is_symlink():
                    found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "link"
        return found

    def missing(self, scenario: Scenario) -> list[str]:
        """Defences the scenario needs that this machine does not have."""
        have = {"landlock": self.features.get("landlock", 0) >= 1,
                "files": self.features.get("landlock", 0) >= 1 or self.features.get("ids") in ("own", "nobody"),
                "tasks": self.features.get("tasks") is not None,
                "seccomp": bool(self.features.get("seccomp")),
                "scratch": self.features.get("scratch") == "tmpfs",
                "cgroup": bool(self.features.get("cgroup")),
                "secrets": self.features.get("landlock", 0) >= 1 or self.features.get("ids") in ("own", "nobody"),
                "signals": bool(self.features.get("seccomp")) or self.features.get("ids") == "own"
                or self.features.get("landlock", 0) >= 6}
        return [need for need in scenario.verdict.get("requires", []) if not have.get(need, False)]


def _limited(yaml_text: str, **replace: str) -> str:
    """An exercise definition with the suite's small limits (and other top-level keys replaced)."""
    lines = [line for line in yaml_text.splitlines() if not line.startswith("limits:")]
    for key, value in replace.items():
        lines = [f"{key}: {value}" if line.startswith(f"{key}:") else line for line in lines]
    limits = ", ".join(f"{k}: {v}" for k, v in LIMITS.items())
    return "\n".join(lines) + f"\nlimits: {{{limits}}}\n"


def _build_course(course: Path, clones: list[Scenario]) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "grader", course / "grader", ignore=ignore)
    shutil.copytree(ROOT / "reference", course / "reference", ignore=ignore)
    for exercise, topic in PILOTS.items():
        folder = course / "exercises" / topic
        folder.mkdir(parents=True, exist_ok=True)
        source = ROOT / "exercises" / topic
        (folder / f"{exercise}.yaml").write_text(_limited((source / f"{exercise}.yaml").read_text()))
        shutil.copy(source / f"{exercise}.py", folder / f"{exercise}.py")
    template = (ROOT / "exercises" / "vectors" / "vector_arithmetic.yaml").read_text()
    for order, scenario in enumerate(clones, start=100):
        folder = course / "exercises" / "vectors"
        (folder / f"{scenario.clone}.yaml").write_text(_limited(
            template, id=scenario.clone, stub=f"{scenario.clone}.py", order=str(order),
            title=f"Copy of vector_arithmetic for the {scenario.name} scenario"))
        shutil.copy(folder / "vector_arithmetic.py", folder / f"{scenario.clone}.py")


def _open_tree(path: Path) -> None:
    """Readable (not writable) by others, like a checkout: the defences, not the modes, must stop writes."""
    for item in [path, *path.rglob("*")]:
        item.chmod(0o755 if item.is_dir() else 0o644)


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    from grader.sandbox.client import Sandbox

    with Sandbox() as box:
        features = dict(box.hello())
    base = Path(tempfile.mkdtemp(prefix="grade-hostile-"))
    clones = [s for s in SCENARIOS if s.verdict.get("in_all")]
    w = World(base, base / "course", base / "submissions", base / "canary", "tok-" + secrets.token_hex(12),
              features, {s.name: "hx" + secrets.token_hex(5) for s in SCENARIOS})
    _build_course(w.course, clones)
    (w.course / ".git").mkdir()  # a course's history: out of the learner's reach however reached
    from grader.catalog import load_catalog

    load_catalog(w.exercises)  # the compiled course (.grade/compiled.json) exists and is guarded like the YAML
    assert (w.course / ".grade" / "compiled.json").is_file()
    (w.course / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    w.canary.mkdir()
    for exercise, topic in PILOTS.items():
        target = w.submissions / "good" / topic / f"{exercise}.py"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SOLUTIONS / exercise / GOOD[exercise], target)
    for scenario in SCENARIOS:
        folder = w.base / "scenarios" / scenario.name
        folder.mkdir(parents=True)
        (folder / "submission.py").write_text(w.render(scenario))
        for name, target in scenario.verdict.get("links", {}).items():  # symbolic links next to the submission
            (folder / name).symlink_to(w.fill(target))
    _open_tree(base)
    try:
        yield w
    finally:
        for marker in w.markers.values():
            _kill_marked(marker)
        shutil.rmtree(base, ignore_errors=True)
        for stray in Path("/tmp").glob("hx*-canary"):
            stray.unlink(missing_ok=True)


def _processes() -> Iterator[tuple[int, str, str]]:
    """pid, command name, command line of every live process."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read().decode("utf-8", "replace")
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                cmdline = handle.read().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        name, state = stat[stat.find("(") + 1:stat.rfind(")")], stat[stat.rfind(")") + 2:][:1]
        try:  # a zombie group leader whose other threads still run (it ended with pthread_exit) is alive
            threads = [t for t in os.listdir(f"/proc/{entry}/task") if t != entry]
            names = [Path(f"/proc/{entry}/task/{t}/comm").read_text().strip() for t in threads]
        except OSError:
            threads, names = [], []
        if state != "Z" or threads:
            yield int(entry), " ".join([name, *names]), cmdline


def _marked(marker: str) -> list[str]:
    return [f"{pid} {name} {cmd}" for pid, name, cmd in _processes() if marker in name or marker in cmd]


def _kill_marked(marker: str) -> None:
    for pid, name, cmd in _processes():
        if marker in name or marker in cmd:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


def _left_running(markers: list[str], worker: str) -> list[str]:
    """Processes of the submissions (or a worker) still running, after a short grace for the kernel."""
    end = time.monotonic() + 2.0
    while True:
        found = [p for m in markers for p in _marked(m)] + _marked(worker)
        if not found or time.monotonic() > end:
            return found
        time.sleep(0.05)


def _grade(w: World, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {k: v for k, v in os.environ.items() if k not in ("GRADE_SEED", "GRADE_EXERCISES")}
    env.update({TOKEN_NAME: w.token, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1",
                "PYTHONPATH": os.pathsep.join([str(w.course), *filter(None, [os.environ.get("PYTHONPATH")])])})
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "grader.cli", *args, "--seed", "1", "--cases", str(CASES),
                           "--exercises", str(w.exercises)], cwd=w.course, env=env, capture_output=True,
                          text=True, timeout=120)
    return proc, time.monotonic() - started


def _outputs(report: dict[str, Any]) -> str:
    return "\n".join([report.get("output", "")] + [c.get("output", "") for c in report.get("cases", [])])


def _messages(report: dict[str, Any]) -> str:
    cases = [c for c in report.get("cases", []) if not c.get("passed")]
    return report.get("message", "") + "\n" + (cases[0].get("message", "") if cases else "")


def check_verdict(scenario: Scenario, report: dict[str, Any], features: dict[str, Any]) -> None:
    """The report matches the scenario's verdict file (what it says `when` a defence is in place, if it
    says something else then)."""
    verdict = dict(scenario.verdict)
    for feature, instead in verdict.pop("when", {}).items():
        if features.get(feature):
            verdict.update(instead)
    assert report["status"] == verdict["status"], (report["status"], _messages(report), _outputs(report)[:2000])
    assert report["passed"] is (verdict["status"] == "passed")
    for phrase in verdict.get("says", []):
        assert phrase.lower() in _messages(report).lower(), (phrase, _messages(report))
    for phrase in verdict.get("output_says", []):
        assert phrase in _outputs(report), (phrase, _outputs(report)[:2000])
    for phrase in verdict.get("output_lacks", []):
        assert phrase not in _outputs(report), (phrase, _outputs(report)[:2000])


def check_aftermath(w: World, before: dict[str, str], markers: list[str], proc: subprocess.CompletedProcess[str],
                    after: dict[str, str] | None = None) -> None:
    """Nothing left running, nothing changed, no canary, no secret, no traceback of the grader."""
    worker = str(w.course / "grader" / "sandbox" / "worker.py")
    left = _left_running(markers, worker)
    for marker in markers:
        _kill_marked(marker)
    assert not left, f"still running after grade returned: {left}"
    after = w.guarded() if after is None else after
    changed = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
    assert not changed, f"course files changed or added: {changed}"
    if w.features.get("landlock", 0) >= 1:
        stray = [str(p) for m in markers for p in (Path(f"/tmp/{m}-canary"), Path(f"/dev/shm/{m}-canary"))
                 if p.exists()]
        assert not stray, f"canaries written outside the learner's scratch folder: {stray}"
    assert w.token not in proc.stdout + proc.stderr, "the grader's secret reached the report"
    assert "Traceback" not in proc.stderr, proc.stderr


@dataclass(frozen=True)
class Run:
    """One scenario graded through the CLI, and what was left running right after."""

    proc: subprocess.CompletedProcess[str]
    seconds: float
    left: list[str]


@pytest.fixture(scope="module")
def runs(world: World) -> Iterator[dict[str, Run]]:
    """Every scenario the machine can run, graded three at a time (most of a run is waiting), with the
    course's files hashed before and after them all."""
    from concurrent.futures import ThreadPoolExecutor

    worker = str(world.course / "grader" / "sandbox" / "worker.py")

    def grade(scenario: Scenario) -> Run:
        submission = world.base / "scenarios" / scenario.name / "submission.py"
        proc, seconds = _grade(world, scenario.exercise, "--file", str(submission), "--format", "json")
        left = [p for p in _left_running([world.markers[scenario.name]], worker) if world.markers[scenario.name] in p]
        _kill_marked(world.markers[scenario.name])
        return Run(proc, seconds, left)

    before = world.guarded()
    chosen = [s for s in SCENARIOS if not world.missing(s)]
    with ThreadPoolExecutor(max_workers=3) as pool:
        done = dict(zip([s.name for s in chosen], pool.map(grade, chosen)))
    world.unchanged = (before, world.guarded())
    yield done


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_scenario(world: World, runs: dict[str, Run], scenario: Scenario) -> None:
    """`grade EXERCISE --file hostile.py`: the expected verdict, in time, and nothing escapes."""
    missing = world.missing(scenario)
    if missing:
        pytest.skip(f"needs {', '.join(missing)}, which this machine lacks ({world.features})")
    run = runs[scenario.name]
    proc = run.proc
    print(f"{scenario.name}: {json.loads(proc.stdout or '{}').get('status')} in {run.seconds:.2f} s")
    assert not run.left, f"still running after grade returned: {run.left}"
    check_aftermath(world, world.unchanged[0], [world.markers[scenario.name]], proc, world.unchanged[1])
    assert proc.returncode == (0 if scenario.verdict["status"] == "passed" else 1), proc.stderr
    check_verdict(scenario, json.loads(proc.stdout), world.features)
    assert run.seconds <= LIMITS["exercise_seconds"] + MARGIN, f"grade took {run.seconds:.1f} s"
    assert len(proc.stdout) < 64 * 1024, f"the report is {len(proc.stdout)} bytes"


def test_grade_all_mixes_hostile_and_good(world: World) -> None:
    """`grade all --submission DIR`: each hostile file costs its own exercise only; the good ones pass."""
    hostile = [s for s in SCENARIOS if s.verdict.get("in_all") and not world.missing(s)]
    mixed = world.base / "mixed"
    for exercise, topic in PILOTS.items():
        (mixed / topic).mkdir(parents=True, exist_ok=True)
        shutil.copy(world.submissions / "good" / topic / f"{exercise}.py", mixed / topic / f"{exercise}.py")
    for scenario in hostile:
        (mixed / "vectors" / f"{scenario.clone}.py").write_text(world.render(scenario))
    _open_tree(mixed)
    before = world.guarded()
    proc, seconds = _grade(world, "all", "--submission", str(mixed), "--format", "json")
    check_aftermath(world, before, [world.markers[s.name] for s in hostile], proc)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    results = {e["exercise"]: e for e in report["exercises"]}
    for exercise in PILOTS:
        assert results[exercise]["status"] == "passed", (exercise, _messages(results[exercise]))
    for scenario in hostile:
        check_verdict(scenario, results[scenario.clone], world.features)
    timeouts = sum(s.verdict["status"] == "timeout" for s in hostile)
    budget = timeouts * LIMITS["exercise_seconds"] + 0.5 * (len(results) - timeouts) + MARGIN
    assert seconds <= budget, f"grade all took {seconds:.1f} s (budget {budget:.1f} s)"


BATCH_HOSTILE = {"vectors/vector_arithmetic.py": "tamper-course-files",
                 "determinant/determinant.py": "memory-touch-gigabytes",
                 "eigen/eig_symmetric.py": "forge-ndarray-subclass"}


def test_grade_batch_keeps_learners_apart(world: World) -> None:
    """`grade batch`: a hostile learner next to a good one (whose files it tries to change) gets its own
    verdicts; the good learner's verdicts and files are untouched; nothing is left running."""
    hostile = [s for s in SCENARIOS if s.verdict.get("in_all") and not world.missing(s)]
    by_name = {s.name: s for s in SCENARIOS}
    placed = {place: by_name[name] for place, name in BATCH_HOSTILE.items() if not world.missing(by_name[name])}
    mallory = world.submissions / "mallory"
    for place, scenario in placed.items():
        (mallory / place).parent.mkdir(parents=True, exist_ok=True)
        (mallory / place).write_text(world.render(scenario))
    (mallory / "vectors").mkdir(parents=True, exist_ok=True)
    for scenario in hostile:
        (mallory / "vectors" / f"{scenario.clone}.py").write_text(world.render(scenario))
    _open_tree(world.submissions)
    book = world.base / "gradebook.json"
    before = world.guarded()
    proc, seconds = _grade(world, "batch", str(world.submissions), "--output", str(book), "--jobs", "2")
    check_aftermath(world, before, [world.markers[s.name] for s in hostile], proc)
    assert proc.returncode == 0, proc.stderr
    submissions = json.loads(book.read_text())["submissions"]
    rows = {s["submission"]: {e["exercise"]: e for e in s["exercises"]} for s in submissions}
    for exercise in PILOTS:
        assert rows["good"][exercise]["status"] == "passed", rows["good"][exercise]["message"]
    for place, scenario in placed.items():
        check_verdict(scenario, rows["mallory"][Path(place).stem], world.features)
    for scenario in hostile:
        check_verdict(scenario, rows["mallory"][scenario.clone], world.features)
    timeouts = sum(s.verdict["status"] == "timeout" for s in hostile)
    assert seconds <= timeouts * LIMITS["exercise_seconds"] + 0.5 * len(rows["mallory"]) + MARGIN


def test_fork_bomb_is_bounded(world: World, runs: dict[str, Run]) -> None:
    """The fork bomb's parent got fewer than its 200 forks: the task limit held."""
    if "leftover-fork-bomb" not in runs:
        pytest.skip("no task limit here (root without dropping privileges)")
    counts = [int(n) for n in re.findall(r"forks: (\d+)", _outputs(json.loads(runs["leftover-fork-bomb"].proc.stdout)))]
    assert counts and max(counts) < 200, counts


def test_learner_output_is_safe_text_in_every_format(world: World) -> None:
    """Control characters, escapes, surrogates and invalid UTF-8 in output and exceptions: every report
    format stays valid, and no raw control character reaches the text report."""
    submission = world.base / "scenarios" / "flood-control-characters" / "submission.py"
    for fmt in ("json", "text", "junit"):
        proc, _seconds = _grade(world, "vector_arithmetic", "--file", str(submission), "--format", fmt,
                                *(["-v"] if fmt == "text" else []))
        assert proc.returncode == 1, proc.stderr
        assert "Traceback" not in proc.stderr, proc.stderr
        if fmt == "json":
            report = json.loads(proc.stdout)
            text = json.dumps(report, ensure_ascii=False)
            assert not CONTROL.search(text.replace("\\n", "").replace("\\t", ""))
            assert not re.search("[\ud800-\udfff\u202a-\u202e\u2066-\u2069]", text)
        elif fmt == "text":
            assert not CONTROL.search(proc.stdout.replace("\n", "").replace("\t", "")), repr(proc.stdout[:500])
        else:
            ET.fromstring(proc.stdout)


@linux_runner_only("the fork server's set-up of a child (the portable runner starts a fresh interpreter)")
def test_startup_failure_is_the_graders_not_the_learners() -> None:
    """A learner's MemoryError is their verdict; a child that fails in the grader's own set-up (here: a
    request it cannot apply; in life: ids it may not take, a limit it cannot set) is the grader's error."""
    from grader.errors import SandboxError
    from grader.sandbox.client import RunRequest, Sandbox

    good = SOLUTIONS / "vector_arithmetic" / GOOD["vector_arithmetic"]
    hog = HOSTILE / "memory-touch-gigabytes" / "submission.py"
    one = (("one", {"a": np.array([1.0]), "b": np.array([2.0])}),)
    with Sandbox() as box:
        outcome = box.run(RunRequest(hog.resolve(), "determinant", (("one", {"A": np.eye(2)}),), (), LIMITS))
        assert outcome.cases[0].kind == "raised" and outcome.cases[0].raised.type == "MemoryError"
        broken = {**LIMITS, "memory_mb": "lots"}  # fails in the grader's own set-up of the child
        with pytest.raises(SandboxError, match="could not start"):
            box.run(RunRequest(good.resolve(), "vector_arithmetic", one, (), broken))
        again = box.run(RunRequest(good.resolve(), "vector_arithmetic", one, (), LIMITS))
        assert again.cases[0].kind == "value"


@linux_runner_only("the sandbox worker process (the portable runner has none)")
def test_a_killed_worker_costs_that_exercise_only() -> None:
    """If the worker dies while learner code runs, that exercise fails and the next one runs normally."""
    from grader.sandbox.client import RunRequest, Sandbox

    sleeper = HOSTILE / "time-infinite-loop" / "submission.py"
    good = SOLUTIONS / "vector_arithmetic" / GOOD["vector_arithmetic"]
    case = (("one", {"a": np.array([1.0]), "b": np.array([2.0])}),)
    with Sandbox() as box:
        pid = box.hello()["pid"]
        box.submit(RunRequest(sleeper.resolve(), "vector_arithmetic", case, (), {**LIMITS, "case_seconds": 30,
                                                                                  "exercise_seconds": 30}))
        time.sleep(0.5)
        os.kill(pid, signal.SIGKILL)
        lost = box.collect(1)
        assert lost.cases[0].kind == "crashed" and "killed or stopped" in lost.cases[0].detail["message"]
        again = box.run(RunRequest(good.resolve(), "vector_arithmetic", case, (), LIMITS))
        assert again.cases[0].kind == "value"


ORPHAN_MAKER = """
import ctypes, os, time

def name(marker):
    ctypes.CDLL(None).prctl(15, marker.encode(), 0, 0, 0)

def vector_arithmetic(a, b):
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            name("@MARKER@")
            while True:
                time.sleep(0.05)
        os._exit(0)
    name("@MARKER@")
    while True:
        pass
"""
GRADER_THAT_DIES = """
import sys
import numpy as np
from grader.sandbox.client import RunRequest, Sandbox
box = Sandbox()
box.submit(RunRequest(sys.argv[1], "vector_arithmetic", (("one", {"a": np.ones(1), "b": np.ones(1)}),), (),
                      {"case_seconds": 60, "exercise_seconds": 60, "memory_mb": 256, "output_kb": 4}))
print("submitted", flush=True)
box.collect(1)
"""


@linux_runner_only("learner processes die with a killed grader (parent-death signal, subreaper)")
def test_learner_processes_die_with_the_grader(tmp_path: Path) -> None:
    """The grader killed outright (CI time-out, a batch worker killed) while learner code runs: the worker
    sweeps every learner process (a looping child, a daemon in its own session) before it exits."""
    marker = "hx" + secrets.token_hex(5)
    submission = tmp_path / "orphans.py"
    submission.write_text(ORPHAN_MAKER.replace("@MARKER@", marker))
    _open_tree(tmp_path)
    grader = subprocess.Popen([sys.executable, "-c", GRADER_THAT_DIES, str(submission)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert grader.stdout is not None and grader.stdout.readline().strip() == "submitted"
        end = time.monotonic() + 20
        while len(_marked(marker)) < 2 and time.monotonic() < end:
            time.sleep(0.05)
        assert len(_marked(marker)) >= 2, "the learner's processes never started"
        grader.kill()
        grader.wait()
        end = time.monotonic() + 5
        while _marked(marker) and time.monotonic() < end:
            time.sleep(0.05)
        assert not _marked(marker), _marked(marker)
    finally:
        grader.kill()
        _kill_marked(marker)


def test_plain_text_bounds_and_cleans() -> None:
    from grader.sandbox.client import plain_text

    text = plain_text("a\x00b\x1b[31mc\r\nd\u202ee\ud800" + "x" * 50, 20)
    assert "\x00" not in text and "\x1b" not in text and "\u202e" not in text and "\ud800" not in text
    assert "more characters not shown" in text
    text.encode("utf-8")


def test_wire_refuses_deep_or_forged_values() -> None:
    from grader.sandbox import wire

    with pytest.raises(wire.WireError):
        wire.parse_header(b"[" * 100000 + b"]" * 100000)
    deep: dict[str, Any] = {"t": "float", "v": "1.0"}
    for _ in range(100):
        deep = {"t": "list", "v": [deep]}
    with pytest.raises(wire.WireError):
        wire.decode(deep, [])
    with pytest.raises(wire.WireError):
        wire.decode({"t": "array", "d": "|O", "s": [1], "b": 0}, [b"\0" * 8])


def test_static_scan_survives_hostile_sources() -> None:
    """The banned-call scan, run in the grader's own process, never raises on a source built to break
    the parser (the learner's process then reports its own error)."""
    from grader.sandbox.scan import scan_source

    assert scan_source("x = 1" + " + 1" * 200_000, "deep.py", ["numpy.linalg.det"]) == []
    assert scan_source("(" * 500 + ")" * 500, "nested.py", ["numpy.linalg.det"]) == []
    assert scan_source("#" * (5 << 20), "huge.py", ["numpy.linalg.det"]) == []


def test_disk_flood_is_bounded(world: World, runs: dict[str, Run]) -> None:
    """With a tmpfs scratch folder, the learner wrote at most its size (64 MiB), not its 1 GiB."""
    if "flood-disk" not in runs:
        pytest.skip("no bounded scratch folder here (not root, or mounts not allowed)")
    written = [int(n) for n in re.findall(r"written MiB: (\d+)", _outputs(json.loads(runs["flood-disk"].proc.stdout)))]
    assert written and max(written) <= 64, written


@linux_runner_only("own ids, seccomp and the process limit")
def test_defences_in_place(world: World) -> None:
    """Say which defences this machine gives (root: own ids; kernel: Landlock, seccomp)."""
    print("sandbox features:", world.features)
    assert world.features.get("seccomp") or os.uname().machine not in ("x86_64", "aarch64")
    if os.geteuid() == 0 and os.environ.get("GRADE_SANDBOX_DROP", "1") != "0":
        assert world.features["ids"] in ("own", "nobody") and world.features["tasks"]


REUSED_FIRST = """
import os

def first(A):
    return float(os.getpid())
"""
REUSED_SECOND = """
import builtins, os
import numpy as np

def second(A):
    builtins.held_det = np.linalg.det  # allowed here (nothing is banned); kept for the next exercises
    return float(os.getpid()), float(np.linalg.det(A))
"""
REUSED_KEPT = """
import builtins, os

def kept(A):
    return float(os.getpid()), float(builtins.held_det(A))
"""
REUSED_THIRD = """
import os
import numpy as np

def third(A):
    return float(os.getpid()), float(np.linalg.det(A))
"""
THREAD_LEFT = """
import _thread, os, time

def fourth(A):
    _thread.start_new_thread(time.sleep, (30,))  # unseen by the threading module
    return float(os.getpid())
"""
PID_ONLY = """
import os

def fifth(A):
    return float(os.getpid())
"""


def test_reused_learner_process_starts_each_exercise_afresh(tmp_path: Path) -> None:
    """A learner's process that ended an exercise cleanly takes that learner's next one if it bans exactly
    the same (its tripwires are never taken back: a wrapper holds no original to fall back on); an exercise
    banning other calls, a banned call, a thread left running, or another learner's folder means a fresh
    process. What an exercise that bans nothing keeps (builtins.held_det) serves its like, and never an
    exercise that bans det."""
    from grader.sandbox.client import RunRequest, Sandbox

    learner, other = tmp_path / "learner", tmp_path / "other"
    sources = {learner / "first.py": REUSED_FIRST, learner / "second.py": REUSED_SECOND,
               learner / "kept.py": REUSED_KEPT, learner / "third.py": REUSED_THIRD,
               learner / "fourth.py": THREAD_LEFT, learner / "fifth.py": PID_ONLY, other / "fifth.py": PID_ONLY}
    for path, text in sources.items():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
    _open_tree(tmp_path)
    case = (("one", {"A": np.array([[2.0, 1.0], [1.0, 3.0]])}),)
    det = ("numpy.linalg.det",)

    def run(box: Sandbox, path: Path, banned: tuple[str, ...] = ()) -> Any:
        outcome = box.run(RunRequest(path.resolve(), path.stem, case, banned, LIMITS))
        assert outcome.cases[0].kind == "value", outcome
        return outcome

    with Sandbox() as box:
        first = run(box, learner / "first.py", det)
        pid = first.cases[0].value
        assert not first.banned
        second = run(box, learner / "second.py")  # bans nothing, unlike the first: a fresh process
        second_pid, value = second.cases[0].value
        assert second_pid != pid and value == pytest.approx(5.0) and not second.banned
        kept = run(box, learner / "kept.py")  # bans nothing either: the same process, what it kept is there
        assert kept.cases[0].value == (second_pid, pytest.approx(5.0)) and not kept.banned
        # its file names np.linalg.det: found by reading it, in the learner's process, before it runs
        third = box.run(RunRequest((learner / "third.py").resolve(), "third", case, det, LIMITS))
        assert third.cases[0].kind == "not_run" and {b.name for b in third.banned} == {"numpy.linalg.det"}
        after_ban = run(box, learner / "fourth.py").cases[0].value
        after_thread = run(box, learner / "fifth.py").cases[0].value
        again = run(box, learner / "fifth.py").cases[0].value
        other_pid = run(box, other / "fifth.py").cases[0].value
        assert len({pid, second_pid, after_ban, after_thread, other_pid}) == 5 and again == after_thread
    pids = (pid, second_pid, after_ban, after_thread, other_pid)
    end = time.monotonic() + 5  # the idle process dies with the worker (its parent-death signal)
    while any(_alive(p) for p in pids) and time.monotonic() < end:
        time.sleep(0.02)
    assert not any(_alive(p) for p in pids)


def _alive(pid: float) -> bool:
    try:
        with open(f"/proc/{int(pid)}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


CLASS_ATTACKS = HOSTILE / "class"


def test_grade_batch_class_of_attacks(world: World, tmp_path: Path) -> None:
    """`grade batch` on a small class (issue 14): a learner leaves spinning zombie-leader processes behind
    and reads the hidden cases from its callers' frames; another reads through a link `peek -> /`; the
    good learners graded before and after them keep full marks, in time; no hidden case's input reaches
    the gradebook or the output; nothing is left running."""
    from conftest import run_grade

    course = tmp_path / "course"
    shutil.copytree(ROOT / "tests" / "scenarios_classroom" / "course", course)
    # the hidden cases' defence is shown where nothing is banned: where calls are banned, a file that reads
    # frames is refused before it runs (tests/test_tripwires.py), and would show nothing here
    definition = course / "exercises" / "determinant" / "determinant.yaml"
    definition.write_text(re.sub(r"^banned: .*\n", "", definition.read_text(), flags=re.M))
    (course / ".git").mkdir()
    (course / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    klass = tmp_path / "class"
    marker = "hx" + secrets.token_hex(5)
    fill = {"@MARKER@": marker, "@CLASS@": str(klass), "@COURSE@": str(course)}

    def source(name: str) -> str:
        text = (CLASS_ATTACKS / name).read_text()
        for key, value in fill.items():
            text = text.replace(key, value)
        return text

    good = {f"{topic}/{exercise}.py": (SOLUTIONS / exercise / GOOD[exercise]).read_text()
            for exercise, topic in PILOTS.items()}
    learners = {"0-alice": good, "2-bob": good,
                "1-mallory": {"vectors/vector_arithmetic.py": source("spin_left_behind.py"),
                              "determinant/determinant.py": source("peek_hidden.py")},
                "3-eve": {"determinant/determinant.py": source("read_through_link.py")}}
    for learner, files in learners.items():
        for rel, text in files.items():
            (klass / learner / rel).parent.mkdir(parents=True, exist_ok=True)
            (klass / learner / rel).write_text(text)
    (klass / "3-eve" / "determinant" / "peek").symlink_to("/")
    _open_tree(tmp_path)
    book = tmp_path / "book.json"
    started = time.monotonic()
    proc = run_grade("batch", str(klass), "--output", str(book), "--jobs", "1", "--seed", "0",
                     "--exercises", str(course / "exercises"), "--no-progress")
    seconds = time.monotonic() - started
    worker = str(ROOT / "grader" / "sandbox" / "worker.py")
    left = _left_running([marker], worker)
    _kill_marked(marker)
    assert not [p for p in left if marker in p], f"left running after grade batch: {left}"
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    text = book.read_text()
    rows = {s["submission"]: {e["exercise"]: e for e in s["exercises"]} for s in json.loads(text)["submissions"]}
    for learner in ("0-alice", "2-bob"):
        for exercise, row in rows[learner].items():
            assert row["status"] == "passed", (learner, exercise, row["message"])
    assert rows["1-mallory"]["vector_arithmetic"]["status"] == "passed", rows["1-mallory"]["vector_arithmetic"]
    peeked = rows["1-mallory"]["determinant"]
    assert peeked["status"] == "failed", peeked["message"]
    hidden = [c["name"] for c in peeked["cases"] if c.get("hidden")]
    visible = [c["name"] for c in peeked["cases"] if not c.get("hidden")]
    assert hidden and visible
    everything = text + proc.stdout + proc.stderr
    leaked = [name for name in hidden if f"LEAK {name} " in everything]
    assert not leaked, f"hidden cases' inputs reached the gradebook: {leaked}"
    if world.features.get("landlock", 0) >= 1:
        assert rows["3-eve"]["determinant"]["status"] == "failed", rows["3-eve"]["determinant"]
        assert "READ ['" not in everything
    assert seconds < 120


STASH_FIRST = """
import os
import numpy as np
import numpy.linalg._umath_linalg as twin

def first(A):
    np.stashed = getattr(twin, "d" + "et")  # allowed here; kept for the next exercise, which bans det
    return float(os.getpid())
"""
STASH_SECOND = """
import os
import numpy as np

def second(A):
    try:  # where first.py left it, had this process served first.py: a library module's attribute
        return float(os.getpid()), float(np.stashed(A))
    except Exception as exc:
        return float(os.getpid()), type(exc).__name__
"""
TWIN_DYNAMIC = """
import importlib

def third(A):
    twin = importlib.import_module("numpy.linalg." + "_umath_linalg")
    try:
        return float(getattr(twin, "d" + "et")(A))
    except Exception as exc:
        return type(exc).__name__
"""


def test_banned_c_twin_and_stash_across_exercises(tmp_path: Path) -> None:
    """numpy.linalg._umath_linalg.det (det's C loop) is banned with numpy.linalg.det, even reached by names
    built at run time; kept by a learner's process from an exercise that allowed it, it never reaches an
    exercise that bans det: that one runs in a fresh process (issue 14)."""
    from grader.sandbox.client import RunRequest, Sandbox

    for name, text in {"first.py": STASH_FIRST, "second.py": STASH_SECOND, "third.py": TWIN_DYNAMIC}.items():
        (tmp_path / name).write_text(text)
    _open_tree(tmp_path)
    case = (("one", {"A": np.array([[2.0, 1.0], [1.0, 3.0]])}),)
    det = ("numpy.linalg.det",)
    with Sandbox() as box:
        first = box.run(RunRequest((tmp_path / "first.py").resolve(), "first", case, (), LIMITS))
        second = box.run(RunRequest((tmp_path / "second.py").resolve(), "second", case, det, LIMITS))
        third = box.run(RunRequest((tmp_path / "third.py").resolve(), "third", case, det, LIMITS))
    assert first.cases[0].kind == "value" and not first.banned, first
    pid, said = second.cases[0].value
    assert pid != first.cases[0].value and said == "AttributeError", second.cases[0]
    # built names reach nothing here: importlib and a computed getattr are refused by reading the file
    assert third.cases[0].kind == "not_run" and {b.name for b in third.banned} >= {
        "reflection: the module importlib", "reflection: getattr with a name built at run time"}, third


MATMUL_BANNED = ("numpy.dot", "numpy.matmul", "@", "operator.matmul", "numpy.ndarray.__matmul__",
                 "numpy.ndarray.__rmatmul__")
MATMUL_ROUTES = {
    "c_twin": "import _operator\n\ndef f(A):\n    return _operator.matmul(A, A)\n",
    "c_twin_dynamic": "import importlib\n\ndef f(A):\n    op = importlib.import_module('_oper' + 'ator')\n"
                      "    return getattr(op, 'mat' + 'mul')(A, A)\n",
    "built_name": "def f(A):\n    return getattr(A, '__mat' + 'mul__')(A)\n",
    "built_name_methodcaller": "from operator import methodcaller\n\ndef f(A):\n"
                               "    return methodcaller('__mat' + 'mul__', A)(A)\n",
    "library_compiles": "import timeit\n\ndef f(A):\n    out = {}\n"
                        "    timeit.Timer(\"out['r'] = A @ A\", globals={'A': A, 'out': out}).timeit(1)\n"
                        "    return out['r']\n",
}


@pytest.mark.parametrize("route", sorted(MATMUL_ROUTES))
def test_banned_matmul_routes(tmp_path: Path, route: str) -> None:
    """Each route of issue 14 to a banned matrix product ends as a banned call: its C twin
    (_operator.matmul, also looked up by a built name), a method name built at run time (getattr,
    methodcaller), source compiled by a library on the learner's behalf (timeit.Timer("A @ A"))."""
    from grader.sandbox.client import RunRequest, Sandbox

    path = tmp_path / "attempt.py"
    path.write_text(MATMUL_ROUTES[route])
    _open_tree(tmp_path)
    case = (("one", {"A": np.array([[2.0, 1.0], [1.0, 3.0]])}),)
    with Sandbox() as box:
        outcome = box.run(RunRequest(path.resolve(), "f", case, MATMUL_BANNED, LIMITS))
    assert outcome.banned, outcome


SWEEP = """
import os, signal, sys, time
from grader.sandbox import process_tree

def child(body):
    pid = os.fork()
    if pid == 0:
        os.setsid()
        body()
        os._exit(0)
    return pid

def sleeper():
    time.sleep(60)

def with_grandchild():
    child(sleeper)  # the next learner's own child: below the spare, so left alone too
    time.sleep(60)

old = child(sleeper)  # what a dismissed learner left (reparented to the server)
gone = child(lambda: None)  # already exited: reaped by the sweep
spare = child(with_grandchild)
time.sleep(0.3)
below = process_tree.descendants(spare)
process_tree.kill_tree(os.getpid(), reap=True, spare=spare)
alive = lambda pid: process_tree._table().get(pid, (0, b"Z"))[1] != b"Z"
print("old", alive(old), "spare", alive(spare), "below", len(below), all(alive(p) for p in below))
print("reaped", process_tree.reap_children(spare), "still waitable", os.waitpid(spare, os.WNOHANG) == (0, 0))
process_tree.kill_tree(os.getpid(), reap=True)
print("after", process_tree.descendants(os.getpid()) == [])
for pid in (old, gone):
    try:
        os.waitpid(pid, os.WNOHANG)
        print("not reaped", pid)
    except ChildProcessError:
        pass
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux runner's sweep reads /proc")
def test_sweep_spares_the_next_learner_process() -> None:
    """The server forks a learner's next process before sweeping what the last one left: the sweep kills and
    reaps every other process below the server, but never the new process or what is below it."""
    proc = subprocess.run([sys.executable, "-c", SWEEP], capture_output=True, text=True, timeout=60,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["old False spare True below 1 True", "reaped True still waitable True",
                                        "after True"], proc.stdout


@linux_runner_only("a fork server's heap (the portable runner starts a fresh interpreter per learner process)")
def test_batch_learner_reads_no_earlier_learners_answers(tmp_path: Path) -> None:
    """`grade batch`: a learner's process is a copy of the fork server, and the server's freed heap held the
    result frames of the learner graded before; a file that scans its own memory for them returned another
    learner's eigendecompositions and passed eig_symmetric (21 of 27 cases) computing nothing. Each
    submission now gets a worker that has served no other learner: nothing is found."""
    from conftest import run_grade

    klass = tmp_path / "class"
    files = {"0-alice": "import numpy as np\n\n\ndef eig_symmetric(A):\n    return tuple(np.linalg.eigh(A))\n",
             "1-bob": (CLASS_ATTACKS / "harvest_other_learner.py").read_text()}
    for name, text in files.items():
        (klass / name / "eigen").mkdir(parents=True)
        (klass / name / "eigen" / "eig_symmetric.py").write_text(text)
    _open_tree(klass)
    book = tmp_path / "book.json"
    proc = run_grade("batch", str(klass), "--output", str(book), "--jobs", "1", "--seed", "0", timeout=300)
    assert proc.returncode == 0, proc.stderr
    rows = {s["submission"]: {e["exercise"]: e for e in s["exercises"]} for s in json.loads(book.read_text())["submissions"]}
    assert rows["0-alice"]["eig_symmetric"]["status"] == "passed"
    bob = rows["1-bob"]["eig_symmetric"]
    assert bob["status"] != "passed" and bob["score"] < 0.5, bob
    assert "0 answers harvested" in json.dumps(bob), bob


@linux_runner_only("a fork server's learner servers (the portable runner starts a fresh interpreter per learner process)")
def test_each_learner_is_served_by_a_server_forked_for_them_from_one_worker(tmp_path: Path) -> None:
    """`grade batch` asks the worker for a fresh server per learner (fresh_learner): a fork of the pristine
    worker, not a new worker's boot. The learners' processes of two learners have different parents, both
    below the one worker, and the first learner's server is gone once the second one's is taken."""
    from grader.sandbox.client import RunRequest, Sandbox

    source = tmp_path / "parent.py"
    source.write_text("import os\n\n\ndef vector_arithmetic(a, b):\n    return float(os.getppid())\n")
    one = (("one", {"a": np.array([1.0]), "b": np.array([2.0])}),)
    parents = []
    with Sandbox() as box:
        worker = box.proc.pid
        for _learner in range(2):
            box.fresh_learner([()])
            outcome = box.run(RunRequest(source.resolve(), "vector_arithmetic", one, (), LIMITS))
            assert outcome.cases[0].kind == "value", outcome
            parents.append(int(outcome.cases[0].value))
            stat = Path(f"/proc/{parents[-1]}/stat").read_text()
            assert int(stat.rsplit(")", 1)[1].split()[1]) == worker  # the server is the worker's child
        assert box.proc.pid == worker and parents[0] != parents[1] and worker not in parents
        assert not Path(f"/proc/{parents[0]}").exists()  # released, killed with what it held, and reaped
        again = box.run(RunRequest(source.resolve(), "vector_arithmetic", one, (), LIMITS))
        assert int(again.cases[0].value) == parents[1]  # until the next call, the same learner's server


def test_an_integer_past_any_float_is_said_to_be_one(grader: Any, course: Any, tmp_path: Path) -> None:
    """A learner who lifts Python's limit on integer text (sys.set_int_max_str_digits(0)) and returns 10**100000
    was told their code 'interfered with the grader's private channel'; it returned a number no float holds."""
    path = tmp_path / "huge.py"
    path.write_text("import sys\n\n\ndef dot_product(a, b):\n    sys.set_int_max_str_digits(0)\n"
                    "    return 10 ** 100000\n")
    result = grader.grade(course.exercises["dot_product"], path, seed=1, count=2)
    first = result.cases[0]
    assert result.status.value == "failed" and "an integer of about 100001 digits" in first.message, first.message
    assert "channel" not in first.message


IPC_PROBE = """
import ctypes, ctypes.util, os

libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
libc.mq_open.restype = ctypes.c_int


def vector_arithmetic(a, b):
    found = []
    for call in (lambda: libc.semget(0, 16, 0o1600), lambda: libc.msgget(0x5EED, 0o1666),
                 lambda: libc.mq_open(b"/grade-probe", os.O_CREAT | os.O_RDWR, 0o600, None)):
        ctypes.set_errno(0)
        found += [float(call()), float(ctypes.get_errno())]
    return found
"""


@linux_runner_only("seccomp (the portable runner has none)")
def test_learner_code_cannot_make_ipc_objects_that_outlive_it(tmp_path: Path) -> None:
    """System V semaphore sets and message queues, and POSIX message queues, outlived the learner's process,
    its control group and the batch: kernel memory no limit counted (a submission pinned 2 GB), and a channel
    between learners (a later learner of another uid got the same ids back). They are refused (EPERM)."""
    from grader.sandbox.client import RunRequest, Sandbox

    source = tmp_path / "ipc.py"
    source.write_text(IPC_PROBE)
    one = (("one", {"a": np.array([1.0]), "b": np.array([2.0])}),)
    with Sandbox() as box:
        if not box.hello().get("seccomp"):
            pytest.skip("no seccomp filter on this architecture")
        outcome = box.run(RunRequest(source.resolve(), "vector_arithmetic", one, (), LIMITS))
    assert outcome.cases[0].kind == "value", outcome
    assert [int(v) for v in outcome.cases[0].value] == [-1, errno.EPERM] * 3, outcome.cases[0].value


@linux_runner_only("a fork server's learner servers (the portable runner starts a fresh interpreter per learner process)")
def test_after_hidden_cases_the_learner_gets_a_fresh_server(tmp_path: Path) -> None:
    """The learner's server reads the hidden cases' inputs to hand them to the process that runs them apart;
    a later learner's process, a copy of that server's heap, could have scanned it for them and printed them
    into a report. After a request with hidden cases, the next ones go to a fresh fork of the pristine worker,
    as between learners."""
    from grader.sandbox.client import RunRequest, Sandbox

    source = tmp_path / "parent.py"
    source.write_text("import os\n\n\ndef vector_arithmetic(a, b):\n    return float(os.getppid())\n")
    cases = tuple((f"c{i}", {"a": np.array([1.0]), "b": np.array([2.0])}) for i in range(2))
    with Sandbox() as box:
        box.fresh_learner([()])
        before = box.run(RunRequest(source.resolve(), "vector_arithmetic", cases, (), LIMITS))
        hidden = box.run(RunRequest(source.resolve(), "vector_arithmetic", cases, (), LIMITS, hidden=(1,)))
        after = box.run(RunRequest(source.resolve(), "vector_arithmetic", cases, (), LIMITS))
    servers = [int(o.cases[0].value) for o in (before, hidden, after)]
    assert servers[0] == servers[1] != servers[2], servers  # the hidden request's server served nothing after it
    assert int(hidden.cases[1].value) == servers[1]  # the hidden case itself ran below that server
