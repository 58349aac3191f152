"""`grade doctor` in both runners, and the classroom warning where a secret cannot be kept."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SOLUTIONS, run_grade

LINUX_RUNNER = sys.platform.startswith("linux") and os.environ.get("GRADE_SANDBOX") != "portable"


def test_doctor_on_the_portable_runner_lists_what_is_off_and_why() -> None:
    proc = run_grade("doctor", env={"GRADE_SANDBOX": "portable"})
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("runner: portable (GRADE_SANDBOX=portable)"), out
    for name in ("uid switch", "Landlock", "seccomp", "mount namespace", "non-dumpable grader"):
        line = next(line for line in out.splitlines() if line.strip().startswith(name))
        assert "not active" in line and "portable runner" in line, line
    assert any(l.strip().startswith("time limits") and " active " in l for l in out.splitlines()), out
    assert "python" in out and "numpy" in out and "blas" in out
    assert "secret seeds: not kept" in out


@pytest.mark.skipif(not LINUX_RUNNER, reason="the Linux runner's defences (GRADE_SANDBOX=portable or not Linux)")
def test_doctor_on_the_linux_runner_reports_the_worker_s_defences() -> None:
    env = {k: v for k, v in os.environ.items() if k != "GRADE_SANDBOX"}
    proc = run_grade("doctor", env={**env, "GRADE_SANDBOX": ""})
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("runner: linux (fork server)"), out
    landlock = next(line for line in out.splitlines() if line.strip().startswith("Landlock"))
    from grader.sandbox import confine

    abi = confine.landlock_abi()
    assert (f"ABI {abi}" in landlock and " active " in landlock) if abi else "not active" in landlock
    assert "rlimits" in out and "process tree" in out


def test_a_classroom_batch_on_the_portable_runner_warns(tmp_path: Path) -> None:
    sub = tmp_path / "subs" / "alice" / "vectors"
    sub.mkdir(parents=True)
    (sub / "dot_product.py").write_text((SOLUTIONS / "dot_product" / "correct_vectorized.py").read_text())
    proc = run_grade("batch", str(tmp_path / "subs"), "--output", str(tmp_path / "book.csv"), "--jobs", "1",
                     "--cases", "2", env={"GRADE_SANDBOX": "portable"}, timeout=600)
    assert "warning: grade batch" in proc.stderr and "uid switch" in proc.stderr, proc.stderr


def test_grade_all_warns_only_with_a_secret_seed_on_the_portable_runner() -> None:
    with_secret = run_grade("all", "--cases", "1", env={"GRADE_SANDBOX": "portable", "GRADE_SECRET_SEED": "s3"},
                            timeout=600)
    assert "warning: grade all with a secret seed" in with_secret.stderr, with_secret.stderr
    own_work = run_grade("all", "--cases", "1", env={"GRADE_SANDBOX": "portable"}, timeout=600)
    assert "warning" not in own_work.stderr, own_work.stderr  # a learner grading their own work: no nagging


@pytest.mark.skipif(not LINUX_RUNNER or os.geteuid() != 0,
                    reason="the Linux runner's defences (GRADE_SANDBOX=portable or not Linux), as root")
def test_the_linux_runner_as_root_does_not_warn() -> None:
    proc = run_grade("all", "--cases", "1", env={"GRADE_SECRET_SEED": "s3"}, timeout=600)
    assert "warning" not in proc.stderr, proc.stderr


