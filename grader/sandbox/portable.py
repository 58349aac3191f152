"""The portable runner: learner code in a fresh interpreter (portable_child.py) on macOS, Windows, or
wherever the Linux runner cannot run; same interface, events and outcomes as client.LinuxSandbox.

No fork server, Landlock, seccomp, uid switch or mount namespace: the learner's process runs as the
grader's user. What holds: the import blocker, audit hook and banned-call tripwires (learner_process,
shared with the Linux runner), a clean environment and a working folder of its own, time limits enforced
here (the whole process tree is killed), memory limited by RLIMIT_AS where the OS enforces it and
otherwise by watching the resident size of the tree, bounded output and results. The learner's process
is started before it is needed and serves the same learner's next exercise when the last one ended
cleanly (no time-out, crash, banned call, thread or process left).

Pipes are read by threads (select does not work on pipes on Windows).
"""

from __future__ import annotations

import os
import itertools
import queue
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from grader.errors import SandboxError
from grader.sandbox import winjob, wire
from grader.sandbox.client import RunOutcome, RunRequest, assemble, learner_folder, plain_text
from grader.sandbox.launch import _numpy_root, clean_environment
from grader.sandbox.phases import CasePhases
from grader.sandbox.limits import IDLE_SECONDS, RESULT_LIMIT, SETUP_SECONDS
from grader.sandbox.portable_kill import TAG_VARIABLE, kill_tree, new_group_flags, sweep, tree_pids, tree_rss
from grader.sandbox.source_analysis import read_source

CHILD = Path(__file__).with_name("portable_child.py")
POLL_SECONDS = 0.02  # how often the resident size is read when no RLIMIT_AS holds
Event = tuple[dict[str, Any], list[bytes]]


def _available(module: str) -> bool:
    """Whether the grader can import a module (the learner's process runs on the same platform)."""
    try:
        __import__(module)
    except ImportError:
        return False
    return True


WINDOWS_ENV = ("SYSTEMROOT", "WINDIR", "PATHEXT", "COMSPEC")  # Python on Windows needs these to start


def child_environment(workdir: str) -> dict[str, str]:
    """The learner's process's few variables (launch.clean_environment), with what Windows needs."""
    env = clean_environment(workdir)
    if os.name == "nt":
        env.update({k: os.environ[k] for k in WINDOWS_ENV if k in os.environ})
        env.update({"TEMP": workdir, "TMP": workdir, "USERPROFILE": workdir})
        env["PATH"] = os.environ.get("PATH", "")
    return env


class _Learner:
    """One learner's process: a fresh interpreter, its pipes (read by threads into one queue), its folder."""

    def __init__(self, home: str, tag: str) -> None:
        self.workdir = tempfile.mkdtemp(prefix="grade-run-", dir=home)
        self.tag = tag  # in its command line and environment, and so in everything it starts
        self.key: tuple[str, tuple[str, ...], tuple[str, ...]] | None = None
        self.rlimit: bool | None = None  # whether RLIMIT_AS holds in it (told with its first `stage`)
        self.events: queue.Queue[tuple[str, bytes]] = queue.Queue()
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-B", str(CHILD), _numpy_root(), tag],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                env={**child_environment(self.workdir), TAG_VARIABLE: tag}, cwd=self.workdir,
                **new_group_flags())  # type: ignore[call-overload]
        except OSError as exc:
            shutil.rmtree(self.workdir, ignore_errors=True)
            raise SandboxError(f"cannot start the isolated runner: {exc}") from None
        self.job = _job_for(self.proc)  # Windows: its memory bounded by the OS, and all of it killed with the job
        assert self.proc.stdout is not None and self.proc.stderr is not None
        for tag, stream in (("r", self.proc.stdout), ("o", self.proc.stderr)):
            threading.Thread(target=self._pump, args=(tag, stream.fileno()), daemon=True).start()

    def _pump(self, tag: str, fd: int) -> None:
        while True:
            try:
                data = os.read(fd, 1 << 16)
            except OSError:
                data = b""
            self.events.put((tag, data))
            if not data:
                return

    def send(self, frame: bytes) -> bool:
        """Write a request; False when the process is gone."""
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.write(frame)
            self.proc.stdin.flush()
        except (OSError, ValueError):
            return False
        return True

    def quiet(self) -> bool:
        """Alive, one thread, no process of its own: fit to take the learner's next exercise."""
        if self.proc.poll() is not None or not self.events.empty():
            return False
        try:
            import psutil

            proc = psutil.Process(self.proc.pid)
            return proc.num_threads() == 1 and not proc.children(recursive=True)
        except Exception:  # noqa: BLE001 - without psutil, a process is never reused
            return False

    def kill(self) -> None:
        """Kill the process and everything below it; close its pipes; remove its folder."""
        if self.job is not None:
            self.job.close()
        if self.proc.poll() is None:
            kill_tree(self.proc.pid)
            try:
                self.proc.kill()
            except OSError:
                pass
        sweep(self.tag)  # what left its tree (a double fork, a new session) still carries its tag
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        shutil.rmtree(self.workdir, ignore_errors=True)


def _job_for(proc: subprocess.Popen[bytes]) -> winjob.Job | None:
    """On Windows, a Job Object holding the process (None elsewhere, or if Windows refuses: the resident
    size is then watched, as on macOS)."""
    if not winjob.available():
        return None
    try:
        job = winjob.Job()
        job.add(int(proc._handle))  # type: ignore[attr-defined]
        return job
    except (OSError, AttributeError):
        return None


class _Retire(Exception):
    """A reused process could not take the exercise: a fresh one will."""


class _Watch(CasePhases):
    """Supervision of one run of a learner's process, in the grader: deadlines, the events it may send
    (in order), its raw output, its memory."""

    def __init__(self, learner: _Learner, req: dict[str, Any], start_at: int, budget: float, reused: bool,
                 results_left: int, events: list[Event]) -> None:
        limits = req["limits"]
        self.learner, self.events, self.reused = learner, events, reused
        self.total, self.current, self.budget = len(req["cases"]), start_at, budget
        self.case_seconds = float(limits["case_seconds"])
        self.import_seconds = max(self.case_seconds, 10.0)
        self.memory_mb = int(limits["memory_mb"])
        self.output_limit = int(limits["output_kb"]) * 1024
        self.reader = wire.FrameReader(max(results_left, 0) + (1 << 20))
        self.phase = "setup"  # setup -> preimport -> import -> cases -> finishing
        self.began: float | None = None
        self.deadline = float("inf")
        self.step = time.monotonic() + (IDLE_SECONDS if reused else SETUP_SECONDS)
        self.used = 0.0
        self.base_rss = 0
        self.done = self.clean = self.banned = False
        self.stopped: int | None = None
        self.output = bytearray()
        self.dropped = 0

    def run(self) -> int | None:
        """Watch until the process finishes, fails, or runs out of time; the case it was stopped on."""
        checked = 0.0
        while not self.done:
            now = time.monotonic()
            if now >= self.step:
                self.timed_out()
                break
            watch_memory = self.learner.rlimit is False and self.phase in ("import", "cases")
            wait = min(self.step - now, POLL_SECONDS if watch_memory else 1.0)
            try:
                tag, data = self.learner.events.get(timeout=max(wait, 0.0))
            except queue.Empty:
                tag, data = "", b""
            if tag == "o":
                self.keep_output(data)
            elif tag == "r":
                if not data:
                    self.ended()
                else:
                    self.feed(data)
            if watch_memory and not self.done and time.monotonic() - checked >= POLL_SECONDS:
                checked = time.monotonic()
                self.check_memory()
        if self.began is not None and self.phase != "finishing":
            self.used = time.monotonic() - self.began
        if not self.clean:
            self.learner.kill()
        self.drain()
        if self.output or self.dropped:
            self.events.append(({"ev": "output", "text": self.output.decode("utf-8", "replace"),
                                 "dropped": self.dropped}, []))
        return self.stopped

    def feed(self, data: bytes) -> None:
        try:
            frames = self.reader.feed(data)
        except wire.WireError as exc:
            self.refuse(str(exc))
            return
        for index, (header, blobs, _raw) in enumerate(frames):
            self.accept(header, blobs)
            if self.done:
                if index + 1 < len(frames):
                    self.clean = False  # something after `idle`
                return
        if self.reader.error is not None:
            self.refuse(str(self.reader.error))

    def accept(self, header: dict[str, Any], blobs: list[bytes]) -> None:
        """Take one frame if the process may send it now; anything else is refused."""
        kind, phase = header.get("ev"), self.phase
        if phase == "finishing":
            self.clean = kind == "idle" and not self.output_pending()
            self.done = True
        elif phase == "setup" and kind == "stage":
            now = time.monotonic()
            self.began, self.deadline = now, now + self.budget
            self.step = min(self.deadline, now + self.import_seconds)
            if self.learner.rlimit is None:
                self.learner.rlimit = header.get("rlimit") is True
            if self.learner.rlimit is False:
                self.base_rss = tree_rss(self.learner.proc.pid)
            self.phase = "preimport"
        elif phase == "preimport" and kind == "armed":
            self.phase = "import"
            self.bound_job()
        elif phase in ("setup", "preimport"):
            self.setup_failed(f"unexpected message {str(kind)[:40]!r} while starting")
        elif not self.accept_learner(header, blobs):
            self.refuse(f"an unexpected {str(kind)[:40]!r} message")

    def relay(self, header: dict[str, Any], payload: Any) -> None:
        self.events.append((header, payload))

    def finished(self) -> None:
        """The exercise ended as it should: wait for the process to tidy up if it may be reused."""
        if self.began is not None:
            self.used = time.monotonic() - self.began
        if os.environ.get("GRADE_SANDBOX_REUSE", "1") != "0" and not self.banned:
            self.phase = "finishing"
            self.step = time.monotonic() + IDLE_SECONDS
        else:
            self.done = True

    def starting(self) -> bool:
        return self.phase in ("setup", "preimport")

    def setup_failed(self, message: str) -> None:
        self.learner.kill()
        if self.reused:
            raise _Retire()
        raise SandboxError(f"the isolated runner could not start the learner's process: {message}")

    def refuse(self, message: str) -> None:
        """The process wrote something it may not: a forged or malformed message, too much data."""
        if self.starting():
            self.setup_failed(message)
        self.learner.kill()
        if self.phase != "finishing":
            self.events.append(({"ev": "protocol", **self.where(), "message": message[:500]}, []))
        self.done = True

    def timed_out(self) -> None:
        self.learner.kill()
        self.done = True
        if self.phase == "setup":
            self.setup_failed(f"the isolated process did not start within {SETUP_SECONDS:g} s")
        if self.phase == "finishing":
            return
        limit = "exercise" if self.step >= self.deadline else "case" if self.phase == "cases" else "import"
        self.events.append(({"ev": "timeout", **self.where(), "limit": limit}, []))

    def bound_job(self) -> None:
        """On Windows: the job may commit what the learner's process holds now (its libraries imported) and
        the exercise's memory; past that an allocation fails (a MemoryError, as under RLIMIT_AS)."""
        job = self.learner.job
        if job is not None:
            base = winjob.committed(self.learner.proc.pid)
            try:
                job.limit(base + (self.memory_mb << 20) if base else None)
            except OSError:
                pass  # the resident size is still watched

    def check_memory(self) -> None:
        """Where no RLIMIT_AS holds: kill the tree when its resident size passes the limit."""
        if tree_rss(self.learner.proc.pid) - self.base_rss <= self.memory_mb << 20:
            return
        self.learner.kill()
        self.done = True
        self.events.append(({"ev": "crashed", **self.where(),
                             "message": f"it used more memory than the limit ({self.memory_mb} MiB above the "
                                        "start-up size) and was stopped"}, []))

    def ended(self) -> None:
        """The process closed its channel without finishing: say how it ended."""
        self.done = True
        try:
            code = self.learner.proc.wait(timeout=2.0)
        except subprocess.TimeoutExpired:
            self.learner.kill()
            code = self.learner.proc.returncode
        if self.starting():
            self.setup_failed(f"the isolated process ended while starting (exit status {code}): "
                              f"{self.output[-1500:].decode('utf-8', 'replace')}")
        if self.phase == "finishing":
            return
        status = {"exit": None, "signal": -code} if code is not None and code < 0 else {"exit": code, "signal": None}
        self.events.append(({"ev": "crashed", **self.where(), **status}, []))

    def keep_output(self, data: bytes) -> None:
        room = max(self.output_limit - len(self.output), 0)
        self.output += data[:room]
        self.dropped += max(0, len(data) - room)

    def output_pending(self) -> bool:
        """Whether output arrived from a process that says it is idle (then it is not)."""
        pending = False
        while True:
            try:
                tag, data = self.learner.events.get_nowait()
            except queue.Empty:
                return pending
            if tag == "o" and data:
                self.keep_output(data)
            pending = True

    def drain(self) -> None:
        """Read the output left in the pipe of a process that was killed (until its end, at most 0.5 s)."""
        if self.clean:
            return
        end = time.monotonic() + 0.5
        while time.monotonic() < end:
            try:
                tag, data = self.learner.events.get(timeout=max(end - time.monotonic(), 0.0))
            except queue.Empty:
                return
            if tag == "o":
                if not data:
                    return
                self.keep_output(data)


class PortableSandbox:
    """The portable runner: one learner's process at a time, started early, reused while it ends cleanly."""

    def __init__(self) -> None:
        self.home = tempfile.mkdtemp(prefix="grade-portable-")
        self.features: dict[str, Any] = {"runner": "portable", "ids": "same", "landlock": 0, "seccomp": False,
                                         "tasks": None, "scratch": "folder", "psutil": _available("psutil"),
                                         "rlimit_as": _available("resource") and sys.platform.startswith("linux"),
                                         "job_object": winjob.available()}
        self._idle: _Learner | None = None
        self._current: _Learner | None = None
        self.tag = f"grade-learner-{secrets.token_hex(8)}"  # each learner's process: this, and its number
        self._numbers = itertools.count()
        # learner processes are started by one thread that lives as long as this runner: on Linux they die
        # with the thread that started them (their death signal), and a request's thread ends with it
        self._spawns: queue.Queue[queue.Queue[_Learner | BaseException] | None] = queue.Queue()
        self._spawner = threading.Thread(target=self._spawn_loop, daemon=True, name="grade-portable-spawner")
        self._spawner.start()
        self._spare: _Learner | None = self._new()  # boots while the grader loads the exercise
        self._fresh_taken = 0  # fresh learner processes taken (from the second on, a spare is kept booting)
        self._thread: threading.Thread | None = None
        self._result: RunOutcome | BaseException | None = None
        self._pending: RunRequest | None = None

    def _new(self) -> _Learner:
        """A fresh learner's process, started by the spawner thread."""
        done: queue.Queue[_Learner | BaseException] = queue.Queue(maxsize=1)
        self._spawns.put(done)
        made = done.get()
        if isinstance(made, BaseException):
            raise made
        return made

    def _spawn_loop(self) -> None:
        while True:
            done = self._spawns.get()
            if done is None:
                return
            try:
                done.put(_Learner(self.home, f"{self.tag}-{next(self._numbers)}"))
            except BaseException as exc:  # noqa: BLE001 - raised in the thread that asked
                done.put(exc)

    def __enter__(self) -> "PortableSandbox":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def hello(self) -> dict[str, Any]:
        """Which defences hold here (none of the Linux runner's)."""
        return self.features

    def submit(self, request: RunRequest) -> None:
        """Start running a request; the learner's code runs while the grader works on."""
        self._pending = request
        self._result = None
        self._thread = threading.Thread(target=self._run_safely, args=(request,), daemon=True)
        self._thread.start()

    def collect(self, ncases: int) -> RunOutcome:
        """The outcome of the submitted request."""
        if self._pending is None or self._thread is None:
            raise SandboxError("no request was submitted")
        self._thread.join()
        self._pending, self._thread = None, None
        result = self._result
        if isinstance(result, BaseException):
            raise result
        assert result is not None
        return result

    def run(self, request: RunRequest) -> RunOutcome:
        """Submit and collect; hidden cases apart, in a fresh process that serves nothing afterwards (as the
        Linux runner does: its run_hidden_apart, shared)."""
        if request.hidden:
            from grader.sandbox.client import LinuxSandbox

            return LinuxSandbox.run_hidden_apart(self, request)  # type: ignore[arg-type]
        self.submit(request)
        return self.collect(len(request.cases))

    def close(self) -> None:
        """Kill every learner's process this runner started, and remove their folders."""
        for learner in (self._current, self._idle, self._spare):
            if learner is not None:
                learner.kill()
        if self._thread is not None:
            self._thread.join(timeout=15)
        self._spawns.put(None)
        self._idle = self._spare = self._current = None
        shutil.rmtree(self.home, ignore_errors=True)

    def _run_safely(self, request: RunRequest) -> None:
        try:
            self._result = self._run(request)
        except BaseException as exc:  # noqa: BLE001 - handed to collect, in the grader's thread
            self._result = exc

    def _run(self, request: RunRequest) -> RunOutcome:
        ncases = len(request.cases)
        output_limit = int(request.limits.get("output_kb", 8)) * 1024
        blocked = tuple(request.blocked_dirs)
        source, problem = read_source(str(request.file), blocked)
        if source is None:
            return assemble([({"ev": "import_error", "type": "OSError", "message": problem}, [])], ncases, output_limit)
        blobs: list[bytes] = []
        cases = [{"name": name, "args": wire.encode(dict(args), blobs)} for name, args in request.cases]
        req = {"file": str(request.file), "function": request.function, "module": "submission",
               "banned": list(request.banned), "limits": dict(request.limits), "cases": cases,
               "blocked_dirs": list(blocked), "source": source, "apart": bool(getattr(request, "apart", False))}
        key = (learner_folder(request), blocked, tuple(sorted(request.banned)))  # same bans only
        events: list[Event] = []
        budget = float(request.limits.get("exercise_seconds", 20.0))
        results_left = RESULT_LIMIT
        start_at = 0
        while start_at < ncases and budget > 0:
            stopped, used, results_left = self._supervise(req, blobs, key, start_at, budget, results_left, events)
            budget -= used
            if stopped is None:
                break
            start_at = stopped + 1
        return assemble(events, ncases, output_limit)

    def _supervise(self, req: dict[str, Any], blobs: list[bytes], key: tuple[str, tuple[str, ...], tuple[str, ...]], start_at: int,
                   budget: float, results_left: int, events: list[Event]) -> tuple[int | None, float, int]:
        """Run the exercise from start_at in the learner's idle process if it can take it, else a fresh one."""
        frame = wire.pack({"op": "run", "req": req, "start_at": start_at, "rlimit_as": self.features["rlimit_as"]},
                          blobs)
        idle, self._idle = self._idle, None
        apart = bool(req.get("apart"))
        if idle is not None:
            if not apart and idle.key == key and start_at == 0 and idle.quiet() and idle.send(frame):
                try:
                    return self._watch(idle, req, start_at, budget, True, results_left, events)
                except _Retire:
                    pass
            idle.kill()
        learner, self._spare = self._spare or self._new(), None
        if learner.proc.poll() is not None:
            learner.kill()
            learner = self._new()
        if self._fresh_taken:  # a run of several exercises (grade all): the next fresh process boots meanwhile
            self._spare = self._new()
        self._fresh_taken += 1
        learner.key = None if apart else key  # a process that ran hidden cases serves nothing afterwards
        if not learner.send(frame):
            learner.kill()
            raise SandboxError("the isolated runner stopped while receiving a request")
        return self._watch(learner, req, start_at, budget, False, results_left, events)

    def _watch(self, learner: _Learner, req: dict[str, Any], start_at: int, budget: float, reused: bool,
               results_left: int, events: list[Event]) -> tuple[int | None, float, int]:
        self._current = learner
        watch = _Watch(learner, req, start_at, budget, reused, results_left, events)
        try:
            stopped = watch.run()
        finally:
            self._current = None
        if watch.clean and learner.key is not None and not tree_pids(learner.proc.pid):
            self._idle = learner
        else:
            learner.kill()
        return stopped, watch.used, results_left - self.reader_total(watch)

    @staticmethod
    def reader_total(watch: _Watch) -> int:
        return int(getattr(watch.reader, "total", 0))


__all__ = ["PortableSandbox", "plain_text"]
