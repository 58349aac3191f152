"""The portable runner, through the real CLI, on a simulated platform without `resource`, `fcntl`,
`termios` and `os.fork` (as on Windows): verdicts, limits, and no process left behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, SOLUTIONS

psutil = pytest.importorskip("psutil")

# the real entry point, started on a platform that lacks what Windows lacks
# (psutil is loaded first: its Linux build uses `resource`, its Windows and macOS builds work without it)
BOOTSTRAP = """
import os, sys
import psutil
sys.modules.update(resource=None, fcntl=None, termios=None)
def _no_fork(*args, **kwargs):
    raise OSError("fork is not available on this platform")
os.fork = _no_fork
if hasattr(os, "forkpty"):
    os.forkpty = _no_fork
sys.argv = ["grade", *sys.argv[1:]]
from grader.cli import main
main()
"""

GOOD = SOLUTIONS / "dot_product" / "correct_vectorized.py"
WRONG = SOLUTIONS / "dot_product" / "mistake_sign_flipped.py"
LOOP = "def dot_product(a, b):\n    while True:\n        pass\n"
BOMB = "import numpy as np\n\n\ndef dot_product(a, b):\n    big = np.ones((23000, 23000))\n    return float(big.sum())\n"


def simulated(*args: str, tmp: Path, env: dict[str, str] | None = None,
              timeout: float = 180) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run `grade ARGS` on the simulated platform; the process and the seconds it took."""
    full = {**os.environ, "NO_COLOR": "1", "TMPDIR": str(tmp), "TEMP": str(tmp), "TMP": str(tmp), **(env or {})}
    full.pop("GRADE_SANDBOX", None)  # the platform alone must choose the portable runner
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", BOOTSTRAP, *args], cwd=ROOT, env=full, capture_output=True,
                          text=True, timeout=timeout)
    return proc, time.monotonic() - started


def graded(proc: subprocess.CompletedProcess[str]) -> Any:
    assert "Traceback" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)


def left_behind(tmp: Path) -> list[str]:
    """Processes still running in a folder below tmp (where every learner's process of the run works)."""
    found = []
    for proc in psutil.process_iter(["pid", "cwd", "cmdline"]):
        cwd = proc.info.get("cwd") or ""
        if cwd.startswith(str(tmp)):
            found.append(f"{proc.info['pid']} {' '.join(proc.info.get('cmdline') or [])}")
    return found


@pytest.fixture()
def scratch(tmp_path: Path) -> Path:
    folder = tmp_path / "temp"
    folder.mkdir()
    return folder


def test_the_platform_is_simulated_and_the_portable_runner_chosen(scratch: Path) -> None:
    code = ("import os, sys\nsys.modules.update(resource=None, fcntl=None, termios=None)\n"
            "def f(): raise OSError('no fork')\nos.fork = f\n"
            "from grader.sandbox import runner\nprint(runner.name(), '|', runner.why_portable())\n"
            "import grader.cli, grader.commands.run, grader.grading\n"
            "print(sorted(m for m in sys.modules if m.startswith('grader.sandbox')))")
    env = {k: v for k, v in os.environ.items() if k != "GRADE_SANDBOX"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=60, check=True).stdout
    assert out.startswith("portable | the module resource is not available"), out
    for linux_only in ("confine", "server", "child_setup", "watch"):
        assert f"grader.sandbox.{linux_only}'" not in out, out


def test_correct_file_passes(scratch: Path) -> None:
    proc, _ = simulated("dot_product", "--file", str(GOOD), "--format", "json", tmp=scratch)
    report = graded(proc)
    assert proc.returncode == 0 and report["status"] == "passed", report
    assert not left_behind(scratch)


def test_wrong_file_fails_with_the_mistake_named(scratch: Path) -> None:
    proc, _ = simulated("dot_product", "--file", str(WRONG), "--format", "json", tmp=scratch)
    report = graded(proc)
    assert proc.returncode == 1 and report["status"] == "failed", report
    assert any(case.get("mistake_id") == "sign_flipped" for case in report["cases"]), report
    assert not left_behind(scratch)


def test_an_infinite_loop_times_out_within_its_limit(scratch: Path, tmp_path: Path) -> None:
    file = tmp_path / "loop.py"
    file.write_text(LOOP)
    proc, seconds = simulated("dot_product", "--file", str(file), "--format", "json", tmp=scratch)
    report = graded(proc)
    assert report["status"] == "timeout", report
    assert report["cases"][0]["status"] == "timeout" and "2 s per case" in report["cases"][0]["message"]
    # 20 s for the exercise, plus start-up and a fresh process after each kill: well under a minute
    assert seconds < 45, seconds
    assert not left_behind(scratch)


def test_a_memory_bomb_is_stopped_at_the_memory_limit(scratch: Path, tmp_path: Path) -> None:
    file = tmp_path / "bomb.py"
    file.write_text(BOMB)
    proc, _ = simulated("dot_product", "--file", str(file), "--format", "json", tmp=scratch)
    report = graded(proc)
    statuses = {case["status"] for case in report["cases"]}
    assert statuses <= {"error", "timeout"}, statuses  # a case may time out first on a loaded machine
    stopped = [case for case in report["cases"] if case["status"] == "error"]
    assert stopped and all("memory" in c["message"] and "512 MiB" in c["message"] for c in stopped), stopped
    assert not left_behind(scratch)


def test_processes_left_by_learner_code_are_killed(scratch: Path, tmp_path: Path) -> None:
    file = tmp_path / "spawner.py"
    file.write_text("import subprocess, sys\n\n\ndef dot_product(a, b):\n"
                    "    subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)'])\n"
                    "    return float((a * b).sum())\n")
    proc, _ = simulated("dot_product", "--file", str(file), "--format", "json", tmp=scratch)
    graded(proc)
    time.sleep(0.5)
    assert not left_behind(scratch)


def test_grade_all_on_the_simulated_platform(scratch: Path, tmp_path: Path) -> None:
    proc, _ = simulated("all", "--format", "json", tmp=scratch, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1) and proc.stdout.strip()
    assert not left_behind(scratch)


def test_a_grader_killed_with_sigkill_leaves_no_learner_process(scratch: Path, tmp_path: Path) -> None:
    """The grader cannot kill its learner's process when it is killed itself: the process dies with it
    (Linux's death signal; a Job Object on Windows), and its RLIMIT_CPU stops a loop anyway (macOS)."""
    file = tmp_path / "loop.py"
    file.write_text(LOOP)
    full = {**os.environ, "NO_COLOR": "1", "TMPDIR": str(scratch), "TEMP": str(scratch), "TMP": str(scratch)}
    full.pop("GRADE_SANDBOX", None)
    grade = subprocess.Popen([sys.executable, "-c", BOOTSTRAP, "dot_product", "--file", str(file)], cwd=ROOT,
                             env=full, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        looping: list[Any] = []
        while time.monotonic() < deadline and not looping:  # a learner's process running the loop
            for child in psutil.Process(grade.pid).children(recursive=True):
                try:
                    if "portable_child.py" in " ".join(child.cmdline()) and child.cpu_times().user > 0.5:
                        looping.append(child)
                except psutil.Error:
                    continue
            time.sleep(0.1)
        assert looping, "the learner's process never ran the loop"
        if sys.platform.startswith("linux") or sys.platform == "darwin":
            limits = looping[0].rlimit(psutil.RLIMIT_CPU)
            assert 0 < limits[0] < 3600, limits  # the backstop: this exercise's budget and a little more
    finally:
        grade.kill()
        grade.wait()
    # at once where the OS kills it with the grader (Linux, Windows); else once its CPU limit is reached
    # (the exercise's 20 s and 5 s more)
    _gone, alive = psutil.wait_procs(looping, timeout=10 if sys.platform in ("linux", "win32") else 45)
    assert not alive
    assert not left_behind(scratch)


def test_the_windows_job_object_structures_have_the_sdk_layout() -> None:
    """The Job Object's limit structures, as SetInformationJobObject reads them on 64-bit Windows (sizes
    and offsets from the Windows SDK's winnt.h); checked here on any OS, the calls themselves below."""
    import ctypes

    from grader.sandbox import winjob

    if ctypes.sizeof(ctypes.c_void_p) != 8:
        pytest.skip("the layout checked is the 64-bit one")
    assert ctypes.sizeof(winjob.IO_COUNTERS) == 48
    assert ctypes.sizeof(winjob.JOBOBJECT_BASIC_LIMIT_INFORMATION) == 64
    assert winjob.JOBOBJECT_BASIC_LIMIT_INFORMATION.LimitFlags.offset == 16
    assert winjob.JOBOBJECT_BASIC_LIMIT_INFORMATION.ActiveProcessLimit.offset == 40
    assert ctypes.sizeof(winjob.JOBOBJECT_EXTENDED_LIMIT_INFORMATION) == 144
    assert winjob.JOBOBJECT_EXTENDED_LIMIT_INFORMATION.JobMemoryLimit.offset == 120
    assert winjob.available() == (sys.platform == "win32")


@pytest.mark.skipif(sys.platform != "win32", reason="Job Objects exist only on Windows")
def test_a_job_object_bounds_memory_and_kills_what_it_holds() -> None:
    from grader.sandbox import winjob

    grow = "import sys\ntry:\n    b = bytearray(400 << 20)\nexcept MemoryError:\n    sys.exit(7)\nsys.exit(0)\n"
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(2); " + f"exec({grow!r})"])
    job = winjob.Job()
    job.add(int(proc._handle))  # type: ignore[attr-defined]
    job.limit(winjob.committed(proc.pid) + (100 << 20))
    assert proc.wait(timeout=60) == 7  # the allocation past the job's limit failed
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    job2 = winjob.Job()
    job2.add(int(sleeper._handle))  # type: ignore[attr-defined]
    job2.close()
    assert sleeper.wait(timeout=10) is not None
    job.close()
