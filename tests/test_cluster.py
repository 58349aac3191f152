"""`grade batch --scheduler`: a real Dask scheduler and two `dask worker` processes on 127.0.0.1
grade a class of 38 submissions into the gradebook the local pool writes, also when a worker is
killed mid-batch; `--scheduler local` too; without Dask, a clear message and exit 2."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

from conftest import ROOT, run_grade
from klass import make_big_class
from test_batch import COURSE

CASES = "4"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(*args: str, log: Path) -> subprocess.Popen[bytes]:
    """A `dask ...` process in a session of its own (so its whole group can be killed)."""
    with open(log, "ab") as out:
        return subprocess.Popen([sys.executable, "-m", "dask", *args], cwd=ROOT, stdout=out, stderr=out,
                                stdin=subprocess.DEVNULL, start_new_session=True)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Kill a started process and everything in its group."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=10)


def wait_for_workers(address: str, count: int, timeout: float = 60) -> None:
    from distributed import Client

    with Client(address, timeout=timeout) as client:
        client.wait_for_workers(count, timeout=timeout)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[subprocess.Popen[bytes]]]]:
    """`dask scheduler` and two `dask worker` processes (one thread each) on 127.0.0.1."""
    log = tmp_path_factory.mktemp("dask") / "dask.log"
    address = f"tcp://127.0.0.1:{free_port()}"
    port = address.rsplit(":", 1)[1]
    procs = [start("scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard", log=log)]
    try:
        for _ in range(2):
            procs.append(start("worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-dashboard",
                               log=log))
        wait_for_workers(address, 2)
        yield address, procs
    finally:
        for proc in reversed(procs):
            stop(proc)


@pytest.fixture(scope="module")
def klass(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The class and the JSON gradebook the local pool writes for it."""
    work = tmp_path_factory.mktemp("cluster")
    folder = make_big_class(work / "class")
    assert len([p for p in folder.iterdir() if not p.name.startswith(".")]) >= 30
    proc = run_grade("batch", str(folder), "--exercises", str(COURSE), "--cases", CASES, "-j", "2",
                     "-o", str(work / "local.json"), "--json", str(work / "local.csv.json"), timeout=300)
    assert proc.returncode == 0, proc.stderr
    return folder, (work / "local.json").read_text()


def test_a_cluster_of_dask_workers_writes_the_local_gradebook(cluster: tuple, klass: tuple, tmp_path: Path) -> None:
    address, _ = cluster
    folder, local = klass
    proc = run_grade("batch", str(folder), "--exercises", str(COURSE), "--cases", CASES, "-o",
                     str(tmp_path / "g.json"), "--scheduler", address, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert (tmp_path / "g.json").read_text() == local
    book = {s["submission"]: s for s in json.loads(local)["submissions"]}
    assert book["perfect"]["total"] == 3 and book["empty"]["total"] == 0  # the class is what it says
    statuses = {e["status"] for s in book.values() for e in s["exercises"]}
    assert {"passed", "failed", "error", "not_implemented", "timeout"} <= statuses


def test_grade_scheduler_env_and_a_local_cluster(klass: tuple, tmp_path: Path) -> None:
    folder, local = klass
    proc = run_grade("batch", str(folder), "--exercises", str(COURSE), "--cases", CASES, "-j", "2", "-o",
                     str(tmp_path / "g.json"), env={"GRADE_SCHEDULER": "local"}, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "g.json").read_text() == local


def test_a_worker_killed_mid_batch_changes_nothing(cluster: tuple, klass: tuple, tmp_path: Path) -> None:
    address, procs = cluster
    folder, local = klass
    out = tmp_path / "g.json"
    journal = tmp_path / "g.json.journal"
    env = {**os.environ, "NO_COLOR": "1"}
    batch = subprocess.Popen([sys.executable, "-m", "grader.cli", "batch", str(folder), "--exercises", str(COURSE),
                              "--cases", CASES, "-o", str(out), "--scheduler", address], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and batch.poll() is None:
            if journal.exists() and len(journal.read_text().splitlines()) >= 6:  # header + 5 finished
                break
            time.sleep(0.05)
        assert batch.poll() is None, "the batch ended before a worker could be killed"
        stop(procs[2])  # the second worker, with its nanny and its learners' processes
        stdout, stderr = batch.communicate(timeout=240)
    finally:
        stop(batch) if batch.poll() is None else None
    assert batch.returncode == 0, stderr
    assert out.read_text() == local
    names = [json.loads(line)["submission"] for line in journal.read_text().splitlines()[1:]]
    assert sorted(names) == sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))  # each once


def test_the_scheduler_going_away_keeps_what_finished(cluster: tuple, klass: tuple, tmp_path: Path) -> None:
    folder, local = klass
    address = f"tcp://127.0.0.1:{free_port()}"
    log = tmp_path / "dask.log"
    procs = [start("scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1], "--no-dashboard", log=log)]
    out, journal = tmp_path / "g.json", tmp_path / "g.json.journal"
    args = ["batch", str(folder), "--exercises", str(COURSE), "--cases", CASES, "-o", str(out)]
    try:
        procs.append(start("worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-dashboard", log=log))
        wait_for_workers(address, 1)
        env = {**os.environ, "NO_COLOR": "1", "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "3s"}
        batch = subprocess.Popen([sys.executable, "-m", "grader.cli", *args, "--scheduler", address], cwd=ROOT,
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 start_new_session=True)
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and batch.poll() is None:
                if journal.exists() and len(journal.read_text().splitlines()) >= 5:
                    break
                time.sleep(0.05)
            stop(procs[0])  # the scheduler
            _, stderr = batch.communicate(timeout=120)
        finally:
            stop(batch) if batch.poll() is None else None
    finally:
        for proc in reversed(procs):
            stop(proc)
    assert batch.returncode == 2 and "Traceback" not in stderr, stderr
    assert "went away" in stderr and "--resume" in stderr, stderr
    kept = len(journal.read_text().splitlines()) - 1
    assert 4 <= kept < len(list(folder.iterdir())) and not out.exists()
    proc = run_grade(*args, "--resume", "--scheduler", cluster[0], timeout=300)  # the rest, on the other cluster
    assert proc.returncode == 0, proc.stderr
    assert f"({kept} taken from the journal)" in proc.stdout and out.read_text() == local


def test_an_unreachable_scheduler_is_a_clear_error(klass: tuple, tmp_path: Path) -> None:
    folder, _ = klass
    proc = run_grade("batch", str(folder), "--exercises", str(COURSE), "-o", str(tmp_path / "g.csv"),
                     "--scheduler", f"tcp://127.0.0.1:{free_port()}", timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "cannot reach the Dask scheduler" in proc.stderr, proc.stderr


def test_without_dask_scheduler_is_a_clear_error_exit_2(tmp_path: Path) -> None:
    (tmp_path / "class" / "alice").mkdir(parents=True)
    code = ("import sys; sys.modules['distributed'] = None; sys.modules['dask'] = None\n"
            "from grader.cli import main; sys.argv[0] = 'grade'; main()")
    proc = subprocess.run([sys.executable, "-c", code, "batch", str(tmp_path / "class"), "--exercises", str(COURSE),
                           "-o", str(tmp_path / "g.csv"), "--scheduler", "local"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "pip install 'grade[cluster]'" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "g.csv").exists()
