"""Starting the Linux runner's worker: a fresh `python -I` with a clean environment, started as early as the
grader can (`prestart`, from cli.main before click and numpy are imported), so this module imports only the
standard library and the runner's choice."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from grader.errors import SandboxError
from grader.sandbox import runner

WORKER = Path(__file__).with_name("worker.py")
# GRADE_SANDBOX_DROP=0 / GRADE_SANDBOX_LANDLOCK=0 / GRADE_SANDBOX_CGROUPS=0 switch a defence off, to test what holds without it;
# GRADE_SANDBOX_REUSE=0 forks a fresh learner process for every exercise
PASSED_ENV = ("PATH", "LANG", "LC_ALL", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "GRADE_SANDBOX_DROP",
              "GRADE_SANDBOX_LANDLOCK", "GRADE_SANDBOX_REUSE", "GRADE_SANDBOX_CGROUPS")


def _numpy_root() -> str:
    """Where numpy is installed, found without importing it (the worker starts before the grader's imports)."""
    import importlib.util

    spec = importlib.util.find_spec("numpy")
    origin = spec.origin if spec is not None and spec.origin else ""
    return str(Path(origin).resolve().parent.parent) if origin else ""


def clean_environment(home: str) -> dict[str, str]:
    """The few variables learner code needs; never tokens or CI secrets."""
    env = {k: os.environ[k] for k in PASSED_ENV if k in os.environ}
    env.setdefault("PATH", "/usr/bin:/bin")
    env.setdefault("LANG", "C.UTF-8")
    env.update({"HOME": home, "TMPDIR": home, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
                "MKL_NUM_THREADS": "1", "PYTHONHASHSEED": "0"})
    return env


Launched = tuple[str, Any, "subprocess.Popen[bytes]"]  # the worker's home, its stderr file, its process
_PRESTARTED: Launched | None = None


def _launch() -> Launched:
    """Start a worker (it imports numpy and its modules, about 0.1 s, while the grader goes on)."""
    home = tempfile.mkdtemp(prefix="grade-worker-")
    os.chmod(home, 0o755)
    stderr = tempfile.TemporaryFile()
    try:
        proc = subprocess.Popen([sys.executable, "-I", "-B", str(WORKER), _numpy_root()],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
                                env=clean_environment(home), cwd=home, start_new_session=True)
    except OSError as exc:
        shutil.rmtree(home, ignore_errors=True)
        raise SandboxError(f"cannot start the isolated runner: {exc}") from None
    return home, stderr, proc


def prestart() -> None:
    """Start the Linux runner's worker now, before the grader's own imports, for the first Sandbox of this
    process to take (`grade EXERCISE`, `grade all`, `grade watch`: the worker's boot then overlaps the
    grader's). Killed at exit if no Sandbox took it; nothing on the portable runner."""
    global _PRESTARTED
    if _PRESTARTED is not None or runner.portable():
        return
    try:
        _PRESTARTED = _launch()
    except SandboxError:
        return  # the Sandbox will try again, and say why
    import atexit

    atexit.register(_drop_prestarted)


def _drop_prestarted() -> None:
    global _PRESTARTED
    if _PRESTARTED is not None:
        home, stderr, proc = _PRESTARTED
        _PRESTARTED = None
        proc.kill()
        proc.wait()
        stderr.close()
        shutil.rmtree(home, ignore_errors=True)


def take() -> Launched:
    """The prestarted worker if there is one (the first Sandbox takes it), else a worker started now."""
    global _PRESTARTED
    launched, _PRESTARTED = _PRESTARTED or _launch(), None
    return launched
