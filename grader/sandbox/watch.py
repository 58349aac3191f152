"""The server's watch over one learner's process: its deadlines, the events it may send (in order),
its raw output, and killing it with what it left."""

from __future__ import annotations

import os
import select
import signal
import time
from typing import TYPE_CHECKING, Any

from . import cgroups, process_tree, wire
from .limits import IDLE_SECONDS, SETUP_SECONDS
from .phases import CasePhases

if TYPE_CHECKING:
    from .server import Server


class Watch(CasePhases):
    """Supervision of one child: its deadlines, the events it may send (in order), its raw output."""

    def __init__(self, server: Server, pid: int, req: dict[str, Any], start_at: int, budget: float,
                 reused: bool = False) -> None:
        limits = req["limits"]
        self.server, self.pid, self.start_at, self.total = server, pid, start_at, len(req["cases"])
        self.case_seconds = float(limits["case_seconds"])
        self.import_seconds = max(self.case_seconds, 10.0)
        self.output_limit = int(limits["output_kb"]) * 1024
        self.budget = budget
        self.phase = "setup"  # setup -> preimport -> import -> cases
        self.current = start_at
        self.began: float | None = None
        self.deadline = float("inf")
        self.step = time.monotonic() + SETUP_SECONDS
        self.used = 0.0
        self.done = False
        self.reaped = False
        self.stopped: int | None = None
        self.output = bytearray()
        self.dropped = 0
        self.reused = reused  # an idle process given the learner's next exercise: if it fails to take it,
        self.retired = False  # it is dismissed without a word, and the server forks a fresh one
        self.clean = False  # finished, tidied up, quiet: may be reused
        self.banned = False  # a banned call: not reused (whatever the learner's code did about the tripwires)
        self.apart = bool(req.get("apart"))  # it held hidden cases: it never serves anything afterwards
        if reused:
            self.step = time.monotonic() + IDLE_SECONDS

    def run(self, result_r: int, output_r: int) -> int | None:
        """Watch until the child finishes, fails, or runs out of time; the case it was stopped on."""
        reader = wire.FrameReader(max(self.server.results_left, 0) + (1 << 20))  # room for control frames
        gone = _pidfd(self.pid)  # readable once the learner's process ended, even if what it started
        fds = [result_r, output_r] + ([gone] if gone is not None else [])  # still holds its pipes
        try:
            while not self.done:
                left = self.step - time.monotonic()
                if left <= 0:
                    self.timed_out()
                    break
                ready, _, _ = select.select(fds, [], [], left)
                for fd in ready:
                    if fd == gone:
                        continue
                    data = read_chunk(fd)
                    if not data:
                        fds.remove(fd)
                        if fd == result_r:
                            self.ended()
                    elif fd == output_r:
                        self.keep_output(data)
                    else:
                        self.feed(reader, data)
                    if self.done:
                        break
                if gone in ready and not self.done:  # what it wrote before it went, then how it ended
                    while not self.done and select.select([result_r], [], [], 0)[0]:
                        data = read_chunk(result_r)
                        if not data:
                            break
                        self.feed(reader, data)
                    if not self.done:
                        self.ended()
        finally:
            if gone is not None:
                os.close(gone)
        if self.began is not None and self.phase != "finishing":
            self.used = time.monotonic() - self.began
        self.server.results_left -= reader.total
        if self.clean and (reader.buffer or reader.error is not None or self.dropped
                           or not self.server.quiet(self.pid)):
            self.clean = False
        if not self.clean:
            self.kill()
        if not self.drain(output_r) and self.clean:  # output still coming from an idle process: not idle
            self.clean = False
            self.kill()
            self.drain(output_r)
        if (self.output or self.dropped) and not self.retired:
            self.server.emit({"ev": "output", "text": self.output.decode("utf-8", "replace"), "dropped": self.dropped})
        return self.stopped

    def feed(self, reader: wire.FrameReader, data: bytes) -> None:
        """Take the frames in a chunk of the results' channel."""
        try:
            frames = reader.feed(data)
        except wire.WireError as exc:
            self.refuse(str(exc))
            frames = []
        for index, (header, _blobs, raw) in enumerate(frames):
            self.accept(header, raw)
            if self.done:
                if index + 1 < len(frames):
                    self.clean = False  # something after `idle`
                break
        if reader.error is not None and not self.done:
            self.refuse(str(reader.error))

    def begin(self) -> None:
        """The learner's time starts: their imports, then their file."""
        now = time.monotonic()
        self.began = now
        self.deadline = now + self.budget
        self.step = min(self.deadline, now + self.import_seconds)

    def accept(self, header: dict[str, Any], raw: bytes) -> None:
        """Take one frame from the child if it is one it may send now; anything else is refused."""
        kind, phase = header.get("ev"), self.phase
        if phase == "finishing":  # the exercise is over: tidying up before waiting for the next
            self.clean = kind == "idle"
            self.done = True
        elif phase in ("setup", "preimport") and kind == "retire" and self.reused:
            self.retire()
        elif phase in ("setup", "preimport"):
            if kind in ("stage", "armed"):
                if phase == "setup":
                    self.begin()
                self.phase = "preimport" if kind == "stage" else "import"
                if kind == "armed":  # told at once: if the worker is lost from here on, the learner is to blame
                    self.server.emit({"ev": "armed"})
                    self.server.flush()
            elif kind == "setup_failed":
                self.setup_failed(str(header.get("message", "")))
            else:
                self.setup_failed(f"unexpected message {str(kind)[:40]!r} while starting")
        elif not self.accept_learner(header, raw):
            self.refuse(f"an unexpected {str(kind)[:40]!r} message")

    def relay(self, header: dict[str, Any], payload: Any) -> None:
        self.server.relay(payload)

    def became_ready(self) -> None:
        self.server.flush()  # the grader learns that the import worked even if the worker is lost

    def finished(self) -> None:
        """The exercise ended as it should: wait for the process to tidy up if it may be reused."""
        if self.began is not None:
            self.used = time.monotonic() - self.began
        if self.server.reuse and not self.banned and not self.apart and self.server.quiet(self.pid, threads=False):
            self.phase = "finishing"
            self.step = time.monotonic() + IDLE_SECONDS
        else:
            self.done = True

    def starting(self) -> bool:
        """Whether a reused process is still taking the exercise (a failure then is not the learner's)."""
        return self.reused and self.phase in ("setup", "preimport")

    def retire(self) -> None:
        """The reused process did not take the exercise: dismissed without a word (a fresh one will)."""
        self.kill()
        self.retired = True
        self.done = True

    def refuse(self, message: str) -> None:
        """The child wrote something it may not: a forged or malformed message, too much data."""
        if self.starting():
            self.retire()
            return
        if self.phase == "finishing":
            self.kill()
            self.done = True
            return
        if self.phase == "setup":
            self.setup_failed(message)
            return
        self.kill()
        self.server.emit({"ev": "protocol", **self.where(), "message": message[:500]})
        self.done = True

    def setup_failed(self, message: str) -> None:
        if self.starting():
            self.retire()
            return
        self.kill()
        self.server.emit({"ev": "setup_failed", "message": message[:2000]})
        self.done = True

    def timed_out(self) -> None:
        self.kill()
        if self.starting():
            self.retire()
            return
        if self.phase == "finishing":
            self.done = True
            return
        if self.phase == "setup":
            self.setup_failed(f"the isolated process did not start within {SETUP_SECONDS:g} s")
            return
        limit = "exercise" if self.step >= self.deadline else "case" if self.phase == "cases" else "import"
        self.server.emit({"ev": "timeout", **self.where(), "limit": limit})

    def ended(self) -> None:
        """The child closed its channel without finishing: say how it ended."""
        status = self.reap()
        self.done = True
        if self.starting():
            self.retire()
        elif self.phase == "finishing":
            pass  # it left instead of waiting for the next exercise: nothing to say
        elif self.phase == "setup":
            self.setup_failed(f"the isolated process ended while starting ({status}): "
                              f"{self.output[-1500:].decode('utf-8', 'replace')}")
        elif status.get("signal") == signal.SIGXCPU:
            self.server.emit({"ev": "timeout", **self.where(), "limit": "cpu"})
        elif status.get("signal") == signal.SIGKILL and self.out_of_memory():
            self.server.emit({"ev": "crashed", **self.where(), **status, "limit": "memory"})
        else:
            self.server.emit({"ev": "crashed", **self.where(), **status})

    def out_of_memory(self) -> bool:
        """Whether the kernel killed a process of this learner for exceeding its control group's memory."""
        group = self.server.groups.get(self.pid)
        return group is not None and group.oom_kills() > 0

    def reap(self) -> dict[str, Any]:
        """Wait (briefly) for the child to exit and say how it ended."""
        end = time.monotonic() + 2.0
        while True:
            try:
                done, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return {"exit": None, "signal": None}
            if done:
                self.reaped = True
                if os.WIFSIGNALED(status):
                    return {"exit": None, "signal": os.WTERMSIG(status)}
                return {"exit": os.WEXITSTATUS(status), "signal": None}
            if time.monotonic() > end:
                self.kill()
            time.sleep(0.001)

    def kill(self) -> None:
        """Kill the child, its process group and everything it left behind (reparented to the server)."""
        kill_learner(self.pid, self.reaped, self.server.groups.get(self.pid))
        self.reaped = True

    def keep_output(self, data: bytes) -> None:
        room = max(self.output_limit - len(self.output), 0)
        self.output += data[:room]
        self.dropped += max(0, len(data) - room)

    def drain(self, fd: int) -> bool:
        """Read what is left in the output pipe (its writers are dead, or idle: this ends); False when
        output was still coming after half a second."""
        end = time.monotonic() + 0.5
        while time.monotonic() < end:
            ready, _, _ = select.select([fd], [], [], 0)
            data = read_chunk(fd) if ready else b""
            if not data:
                return True
            self.keep_output(data)
        return False


def condemn(pid: int, group: cgroups.Group | None = None) -> None:
    """Send SIGKILL to a learner's process, its process group and its control group, without waiting: it
    dies while the server goes on (kill_learner then waits, reaps and sweeps)."""
    for target in ([*group.members()] if group is not None else []) + [pid]:
        try:
            os.kill(target, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def kill_learner(pid: int, reaped: bool, group: cgroups.Group | None = None, spare: int | None = None) -> None:
    """Kill a learner's process, its process group and everything it left behind (reparented to the server);
    with a control group, first everything in it, wherever it went. `spare`: the server's next learner process,
    already forked (and all below it), which is left alone."""
    if group is not None:
        group.kill_all()
    try:
        os.killpg(pid, signal.SIGKILL)  # a group outlives its leader: safe after the reap too
    except (ProcessLookupError, PermissionError):
        pass
    if not reaped:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
    if not process_tree.reap_children(spare):
        process_tree.kill_tree(os.getpid(), reap=True, spare=spare)


def _pidfd(pid: int) -> int | None:
    """A descriptor that becomes readable when the process ends (Linux >= 5.3), or None."""
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):
        return None


def read_chunk(fd: int) -> bytes:
    try:
        return os.read(fd, 1 << 16)
    except OSError:
        return b""
