"""Shared fixtures: the shipped course, one isolated worker per test module, and CLI runners."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "exercises"
SOLUTIONS = Path(__file__).resolve().parent / "solutions"
# The Linux runner (fork server, ids, Landlock, seccomp, control groups) is in use: Linux, not forced portable.
LINUX_RUNNER = sys.platform.startswith("linux") and os.environ.get("GRADE_SANDBOX") != "portable"


def linux_runner_only(defence: str) -> pytest.MarkDecorator:
    """Skip a test of one of the Linux runner's own defences where another runner is in use."""
    return pytest.mark.skipif(not LINUX_RUNNER, reason=f"Linux runner only: {defence}")


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Any]:
    from grader.sandbox.client import Sandbox

    with Sandbox() as box:
        yield box


@pytest.fixture(scope="module")
def grader(sandbox: Any) -> Any:
    from grader.grading import Grader

    return Grader(sandbox)


@pytest.fixture(scope="session")
def course() -> Any:
    from grader.catalog import load_catalog

    return load_catalog(EXERCISES)


def run_grade(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
              timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the real `grade` command in a subprocess."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    full_env.pop("GRADE_SEED", None) if env is None or "GRADE_SEED" not in env else None
    return subprocess.run([sys.executable, "-m", "grader.cli", *args], cwd=cwd or ROOT, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


def grade_json(*args: str, **kwargs: Any) -> tuple[int, Any]:
    proc = run_grade(*args, "--format", "json", **kwargs)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout)
