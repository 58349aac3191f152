"""The grader's side of the isolated runner: start the worker, send inputs, read events.

Nothing the worker relays from the learner's process is trusted beyond its type: every
string is cut to a bound and stripped of control characters (so no report format breaks),
output is capped per exercise, and a worker that dies or stops answering while learner code
runs costs that exercise only (the worker and everything below it are killed and a fresh one
started). A failure before the learner's code ran is the grader's and raises SandboxError.
"""

from __future__ import annotations

import collections
import math
import os
import select
import shutil
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

from grader.errors import SandboxError
from grader.sandbox import launch, runner

SILENCE_SLACK = 45.0  # beyond the exercise's own limit: the worker's set-up allowance, kills and sweeps
REQUEST_BYTES = 1 << 30  # events of one request, at most
OUTPUT_PIECES = 4  # an exercise's output, at most this many times its per-case limit
TEXT_LIMITS = {"via": 200, "type": 200, "message": 2000, "traceback": 8000, "name": 200, "file": 1000, "what": 300}
RUNNER_LOST = "the grader's runner was killed or stopped while your code ran (do not signal other processes)"
_INVISIBLE = {c: f"\\x{c:02x}" for c in (*range(0, 9), 11, 12, *range(14, 32), 127, *range(0x80, 0xA0))}
_INVISIBLE.update({c: f"\\u{c:04x}" for c in (0x200E, 0x200F, *range(0x202A, 0x202F), 0x2028, 0x2029,
                                              *range(0x2066, 0x206A), 0xFEFF, 0xFFFE, 0xFFFF)})


def plain_text(value: Any, limit: int) -> str:
    """Learner-controlled text made safe for every report: bounded, no control or bidi characters."""
    text = value if isinstance(value, str) else "" if value is None else str(value)
    if len(text) > limit:
        text = text[:limit] + f" ... ({len(text) - limit} more characters not shown)"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.encode("utf-8", "replace").decode("utf-8").translate(_INVISIBLE)


@dataclass(frozen=True)
class Raised:
    """An exception from the learner's code, as the learner's process described it."""

    type: str
    message: str
    traceback: str = ""
    line: int | None = None
    syntax: bool = False
    bases: tuple[str, ...] = ()  # the type and its ancestors (builtins by bare name, others module.qualname)

    def is_a(self, name: str) -> bool:
        """Whether the exception is of type `name` or a subclass of it (as pytest.raises matches)."""
        return name in self.bases if self.bases else self.type == name


@dataclass(frozen=True)
class BannedUse:
    """A banned function called at run time."""

    name: str
    file: str | None
    line: int | None
    via: str | None = None  # the allowed library function that made the banned call, if not the learner


@dataclass(frozen=True)
class CaseOutcome:
    """What happened when one case ran: a value, an exception, or how the process ended."""

    index: int
    kind: str  # value | raised | timeout | crashed | protocol | not_run
    value: Any = None
    unrepresentable: str | None = None
    raised: Raised | None = None
    mutated: tuple[str, ...] = ()
    output: str = ""
    seconds: float = 0.0
    detail: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RunOutcome:
    """Everything the learner's code did for one exercise."""

    cases: tuple[CaseOutcome, ...]
    import_error: Raised | None = None
    import_failure: Mapping[str, Any] | None = None  # a time-out or crash while importing
    banned: tuple[BannedUse, ...] = ()
    output: str = ""


@dataclass(frozen=True)
class RunRequest:
    """What the worker needs to run one exercise: no answers, no references."""

    file: Path
    function: str
    cases: tuple[tuple[str, Mapping[str, Any]], ...]
    banned: tuple[str, ...]
    limits: Mapping[str, Any]
    blocked_dirs: tuple[str, ...] = ()
    hidden: tuple[int, ...] = ()  # indices of the cases no report may reveal: run apart, after the others
    apart: bool = False  # run in a fresh learner's process that serves nothing afterwards
    folder: Path | None = None  # the learner's folder (default: the file's): what their process may read, and
    # whose exercises one process may serve in turn (a submission's topic folders are one learner's work)


def learner_folder(request: RunRequest) -> str:
    """The folder a learner's process for this request may read: the request's folder when the file is inside
    it, else the file's own folder."""
    own = os.path.dirname(str(request.file))
    if request.folder is None:
        return own
    folder = str(request.folder)
    return folder if own == folder or own.startswith(folder.rstrip(os.sep) + os.sep) else own


def _in_order(first: tuple[CaseOutcome, ...], visible: list[int], hidden: list[int],
              later: list[CaseOutcome]) -> tuple[CaseOutcome, ...]:
    """The two runs' case outcomes back in the request's order (cases without one: not run)."""
    by_index = {visible[k]: c for k, c in enumerate(first) if k < len(visible)}
    by_index.update({hidden[k]: c for k, c in enumerate(later) if k < len(hidden)})
    count = len(visible) + len(hidden)
    return tuple(replace(by_index[i], index=i) if i in by_index else CaseOutcome(i, "not_run") for i in range(count))


class _Lost(Exception):
    """The worker died or stopped answering."""


class LinuxSandbox:
    """The Linux runner: one worker process (a fork server), reused for many exercises; a context manager.
    Requests may be queued: submit the next before collecting the last (the worker runs them in turn)."""

    queues_requests = True
    forks_learners = True  # learners' processes are copies of one worker: a server per learner (fresh_learner)

    def __init__(self) -> None:
        from grader.sandbox import confine

        # learner code may run as this process's uid (when the grader is not root): make this
        # process's memory, environment and descriptors unreadable to it (/proc/PID/* owned by root)
        confine.prctl(confine.PR_SET_DUMPABLE, 0)
        self.features: dict[str, Any] = {}
        self._bans: list[list[str]] = []  # the banned lists fresh_learner was last given
        self._isolating = False  # fresh_learner was called: after a restart, too, requests go to a learner's server
        self._pending: collections.deque[tuple[RunRequest, bytes]] = collections.deque()  # sent, not collected
        self._encoded: dict[int, tuple[Any, list[dict[str, Any]], list[bytes]]] = {}
        self._start()

    def _start(self) -> None:
        self.home, self.stderr, self.proc = launch.take()
        from grader.sandbox import wire  # numpy comes with it: imported while the worker boots

        assert self.proc.stdout is not None
        self._fd = self.proc.stdout.fileno()
        self._reader = wire.FrameReader(REQUEST_BYTES)
        self._frames: collections.deque[tuple[dict[str, Any], list[bytes]]] = collections.deque()
        self._one_learner = False  # the requests go to a server forked for one learner (fresh_learner)

    def fresh_learner(self, bans: list[tuple[str, ...]] = ()) -> None:
        """Serve the next requests, until the next call, from a server forked for them alone out of the
        pristine worker (`grade batch`, one call per submission): a learner's process is a copy of its server,
        freed heap pages included, and one learner's code read another's answers out of its own memory when
        one server served them both. Costs a fork, not a worker's boot. `bans`: the banned lists of the
        exercises to come (as requests send them), whose tripwires' plans the worker then makes once."""
        assert not self._pending, "fresh_learner() while requests are in flight: collect them first"
        self._isolating = True
        try:
            if self._one_learner:
                self._one_learner = False
                self._op("release", "released")
            self._bans = [list(banned) for banned in dict.fromkeys(tuple(b) for b in bans)] or self._bans
            self._op("learner", "forked", bans=self._bans)
            self._one_learner = True
        except _Lost as exc:
            raise SandboxError(self._died(str(exc))) from None

    def _op(self, op: str, answer: str, **fields: Any) -> None:
        """Send an operation without cases and wait for the worker's answer."""
        from grader.sandbox import wire

        self._send(wire.pack({"op": op, **fields}))
        while True:
            header, _blobs = self._next(SILENCE_SLACK)
            kind = header.get("ev")
            if kind == "hello":
                self.features = {k: v for k, v in header.items() if k not in ("ev", "nblobs")}
            elif kind == answer:
                return
            else:
                raise SandboxError(f"the isolated runner answered {plain_text(kind, 50)!r} to {op!r}")

    def __enter__(self) -> "LinuxSandbox":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def submit(self, request: RunRequest) -> None:
        """Send a request; the learner's code starts running while the grader works on."""
        from grader.sandbox import wire

        held = self._encoded.get(id(request.cases))
        if held is None or held[0] is not request.cases:  # encoded once per cases object (a batch reuses it)
            blobs: list[bytes] = []
            encoded = [{"name": name, "args": wire.encode(dict(args), blobs)} for name, args in request.cases]
            if len(self._encoded) > 64:
                self._encoded.clear()
            held = (request.cases, encoded, blobs)
            self._encoded[id(request.cases)] = held
        _cases, cases, blobs = held
        header = {"op": "run", "file": str(request.file), "function": request.function, "module": "submission",
                  "banned": list(request.banned), "limits": dict(request.limits), "cases": cases,
                  "blocked_dirs": list(request.blocked_dirs), "apart": request.apart, "folder": learner_folder(request)}
        frame = wire.pack(header, blobs)
        if not self._pending and self.proc.poll() is not None:  # it died after an earlier exercise: start afresh
            self._restart()
        self._send(frame)
        self._pending.append((request, frame))

    def _send(self, frame: bytes) -> None:
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.write(frame)
            self.proc.stdin.flush()
        except OSError:
            if not self._pending:  # else the request in flight will find the worker gone, and send it again
                raise SandboxError(self._died("while receiving a request")) from None

    def collect(self, ncases: int) -> RunOutcome:
        """Read the events of the oldest request submitted and not yet collected, until its end."""
        if not self._pending:
            raise SandboxError("no request was submitted")
        request, _frame = self._pending.popleft()
        silence = float(request.limits.get("exercise_seconds", 20.0)) + SILENCE_SLACK
        self._reader.total = 0
        events: list[tuple[dict[str, Any], list[bytes]]] = []
        armed, setup = False, None
        while True:
            try:
                header, blobs = self._next(silence)
            except _Lost as exc:
                if not armed:
                    raise SandboxError(self._died(str(exc))) from None
                self._restart()
                for _queued, frame in self._pending:  # sent to the worker that died: to the fresh one
                    self._send(frame)
                events.extend(_lost_events(events, ncases))
                break
            kind = header.get("ev")
            if kind == "end":
                break
            if kind == "hello":
                self.features = {k: v for k, v in header.items() if k not in ("ev", "nblobs")}
            elif kind == "armed":
                armed = True
            elif kind == "setup_failed":
                setup = plain_text(header.get("message"), 2000)
            else:
                events.append((header, blobs))
        if setup is not None:
            raise SandboxError(f"the isolated runner could not start the learner's process: {setup}")
        return assemble(events, ncases, int(request.limits.get("output_kb", 8)) * 1024)

    def hello(self) -> dict[str, Any]:
        """The worker's greeting: which defences hold here (ids, landlock, seccomp, tasks)."""
        if not self.features and not self._pending:
            header, blobs = self._next(SILENCE_SLACK)
            if header.get("ev") != "hello":
                self._frames.appendleft((header, blobs))
            else:
                self.features = {k: v for k, v in header.items() if k not in ("ev", "nblobs")}
        return self.features

    def run(self, request: RunRequest) -> RunOutcome:
        """Submit and collect; hidden cases apart (see run_hidden_apart)."""
        assert not self._pending, "run() while requests are in flight: collect them first"
        if request.hidden:
            return self.run_hidden_apart(request)
        self.submit(request)
        return self.collect(len(request.cases))

    def run_hidden_apart(self, request: RunRequest) -> RunOutcome:
        """The visible cases first; then, once they are all done and their output taken, the hidden ones in a
        fresh learner's process that serves nothing afterwards, whose output is dropped.

        So no learner's process holds a hidden case while anything it prints can still reach a report
        (the visible cases' output, a later exercise's), and what the hidden cases' process sees never
        comes back but as each case's value (or exception), which only the comparison reads. Where the
        requests go to a server forked for the learner (fresh_learner), that server, which read the hidden
        cases, is replaced by a fresh fork before the next request: a later learner's process is a copy of
        its server's heap, freed pages included.
        """
        hidden = sorted({i for i in request.hidden if 0 <= i < len(request.cases)})
        visible = [i for i in range(len(request.cases)) if i not in set(hidden)]
        started = time.monotonic()
        first = RunOutcome(())
        if visible:
            first = self.run(replace(request, cases=tuple(request.cases[i] for i in visible), hidden=()))
            if first.import_error is not None or first.import_failure is not None:
                return replace(first, cases=_in_order(first.cases, visible, hidden, []))
        limits = dict(request.limits)
        total = float(limits.get("exercise_seconds", 20.0))
        left = total - (time.monotonic() - started)
        limits["exercise_seconds"] = max(left, min(float(limits.get("case_seconds", 1.0)), total))
        second = self.run(replace(request, cases=tuple(request.cases[i] for i in hidden), hidden=(), apart=True,
                                  limits=limits))
        if getattr(self, "_one_learner", False):  # the learner's server read the hidden cases (the portable
            self.fresh_learner(self._bans)  # runner, which shares this method, has none): later learner processes
            # would be copies of its heap, so the next requests go to a fresh fork
        if second.import_error is not None or second.import_failure is not None:
            gone = {"message": "your file could not be imported again to run the hidden cases"}
            later = [CaseOutcome(0, "crashed", detail=gone) for _ in hidden]
        else:
            later = [replace(c, output="") for c in second.cases]
        return RunOutcome(_in_order(first.cases, visible, hidden, later), first.import_error, first.import_failure,
                          first.banned + second.banned, first.output)

    def _next(self, silence: float) -> tuple[dict[str, Any], list[bytes]]:
        """The next event; _Lost if the worker dies or says nothing for `silence` seconds."""
        from grader.sandbox import wire

        end = time.monotonic() + silence
        while not self._frames:
            left = end - time.monotonic()
            if left <= 0:
                raise _Lost(f"silent for {silence:g} s")
            ready, _, _ = select.select([self._fd], [], [], left)
            if not ready:
                continue
            try:
                data = os.read(self._fd, 1 << 20)
            except OSError:
                data = b""
            if not data:
                raise _Lost("while running")
            try:
                self._frames.extend((h, b) for h, b, _raw in self._reader.feed(data))
            except wire.WireError as exc:
                raise SandboxError(f"the isolated runner sent a malformed message: {exc}") from None
        return self._frames.popleft()

    def _died(self, when: str) -> str:
        self.proc.poll()
        self.stderr.seek(0)
        tail = self.stderr.read()[-2000:].decode("utf-8", "replace")
        return f"the isolated runner stopped {when} (exit status {self.proc.returncode}): {tail.strip()}"

    def _restart(self) -> None:
        """Kill the worker and all below it, and start a fresh one (with a learner's server if it had one)."""
        self._stop(kill_tree=True)
        self._start()
        if self._isolating:
            try:
                self._op("learner", "forked", bans=self._bans)
            except _Lost as exc:
                raise SandboxError(self._died(str(exc))) from None
            self._one_learner = True

    def _stop(self, kill_tree: bool) -> None:
        if self.proc.poll() is None:
            if kill_tree:  # learner processes may be running: kill them first, they are below the worker
                from grader.sandbox import process_tree

                process_tree.kill_tree(self.proc.pid, include_root=True)
            try:
                assert self.proc.stdin is not None
                self.proc.stdin.close()
            except OSError:
                pass
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass
        self.stderr.close()
        shutil.rmtree(self.home, ignore_errors=True)

    def close(self) -> None:
        """Stop the worker, and first everything below it: a learner process kept idle for reuse, or
        one still running a request in flight."""
        self._stop(kill_tree=True)
        self._pending.clear()


class Sandbox(LinuxSandbox):
    """The runner chosen for this platform in grader.sandbox.runner: the Linux runner, or else a
    PortableSandbox (same interface, same events, same outcomes)."""

    def __new__(cls) -> Any:
        if runner.portable():
            from grader.sandbox.portable import PortableSandbox

            return PortableSandbox()
        return super().__new__(cls)


Event = tuple[dict[str, Any], list[bytes]]


def _lost_events(events: list[Event], ncases: int) -> list[Event]:
    """Events blaming the learner's code for a worker lost while it ran: on each unreported case, or the import."""
    kinds = {h.get("ev") for h, _ in events}
    if "ready" not in kinds:
        return [] if "import_error" in kinds else [({"ev": "crashed", "phase": "import", "message": RUNNER_LOST}, [])]
    seen = {h.get("case") for h, _ in events if h.get("ev") in ("done", "raised")}
    return [({"ev": "crashed", "case": i, "phase": "case", "message": RUNNER_LOST}, [])
            for i in range(ncases) if i not in seen]


class _Output:
    """An exercise's output budget: pieces are cut to the per-case limit, the total to a few of them."""

    def __init__(self, per_piece: int) -> None:
        self.per_piece = per_piece
        self.left = per_piece * OUTPUT_PIECES

    def text(self, out: Any) -> str:
        if not isinstance(out, dict):
            return ""
        text = out.get("text", "")
        text = text if isinstance(text, str) else ""
        dropped = out.get("dropped", 0)
        dropped = dropped if isinstance(dropped, int) and not isinstance(dropped, bool) and dropped > 0 else 0
        if not text and not dropped:
            return ""
        if self.left <= 0:
            return f"(output not shown: this exercise's output limit of {self.per_piece * OUTPUT_PIECES} " \
                   "characters was reached)\n"
        keep = min(self.per_piece, self.left)
        dropped += max(len(text) - keep, 0)
        text = plain_text(text[:keep], keep)
        self.left -= keep
        if dropped > 0:
            text += f"\n... ({dropped} more characters of output not shown)\n"
        return text


def assemble(events: list[tuple[dict[str, Any], list[bytes]]], ncases: int, output_limit: int = 8192) -> RunOutcome:
    """Turn the worker's event stream into one outcome per case (first report of a case wins)."""
    outcomes: dict[int, CaseOutcome] = {}
    import_error: Raised | None = None
    import_failure: dict[str, Any] | None = None
    banned: list[BannedUse] = []
    output: list[str] = []
    budget = _Output(output_limit)
    seen_ready = False
    for header, blobs in events:
        kind = header.get("ev")
        case = header.get("case")
        index = case if type(case) is int and 0 <= case < ncases else None
        if kind == "ready" and not seen_ready:
            seen_ready = True
            output.append(budget.text(header.get("output")))
        elif kind == "output":
            output.append(budget.text(header))
        elif kind == "import_error" and import_error is None:
            import_error = _raised(header)
            output.append(budget.text(header.get("output")))
        elif kind == "banned" and len(banned) < 100:
            banned.append(BannedUse(_text(header, "name"), _opt_text(header.get("file"), "file"),
                                    _opt_int(header.get("line")), _opt_text(header.get("via"), "via")))
        elif kind == "done" and index is not None and index not in outcomes:
            outcomes[index] = _done(index, header, blobs, budget.text(header.get("output")))
        elif kind == "raised" and index is not None and index not in outcomes:
            outcomes[index] = CaseOutcome(index, "raised", raised=_raised(header), mutated=_names(header.get("mutated")),
                                          output=budget.text(header.get("output")), seconds=_seconds(header))
        elif kind in ("timeout", "crashed", "protocol"):
            if index is not None and index not in outcomes:
                outcomes[index] = CaseOutcome(index, kind, detail=_detail(header))
            elif header.get("phase") == "import" and import_error is None and import_failure is None:
                import_failure = {"kind": kind, **_detail(header)}
    cases = tuple(outcomes.get(i, CaseOutcome(i, "not_run")) for i in range(ncases))
    return RunOutcome(cases, import_error, import_failure, tuple(banned), "".join(output))


def _done(index: int, header: dict[str, Any], blobs: list[bytes], text: str) -> CaseOutcome:
    from grader.sandbox import wire

    tree = header.get("value")
    mutated = _names(header.get("mutated"))
    if isinstance(tree, dict) and tree.get("t") == "unrepresentable":
        return CaseOutcome(index, "value", unrepresentable=_text(tree, "what"), mutated=mutated, output=text,
                           seconds=_seconds(header))
    try:
        value = wire.decode(tree, blobs)
    except (wire.WireError, ValueError, TypeError, KeyError, IndexError, RecursionError, MemoryError) as exc:
        return CaseOutcome(index, "protocol", detail={"message": plain_text(f"unreadable result: {exc}", 300)})
    return CaseOutcome(index, "value", value=value, mutated=mutated, output=text, seconds=_seconds(header))


def _text(header: Mapping[str, Any], key: str, default: str = "") -> str:
    value = header.get(key, default)
    return plain_text(value if isinstance(value, (str, int, float)) else default, TEXT_LIMITS.get(key, 500))


def _opt_text(value: Any, key: str) -> str | None:
    return plain_text(value, TEXT_LIMITS[key]) if isinstance(value, str) else None


def _raised(header: dict[str, Any]) -> Raised:
    return Raised(_text(header, "type", "Exception") or "Exception", _text(header, "message"),
                  _text(header, "traceback"), _opt_int(header.get("line")), header.get("syntax") is True,
                  _bases(header.get("bases")))


def _bases(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(t for t in (plain_text(v, TEXT_LIMITS["type"]) for v in value[:20] if isinstance(v, str)) if t)


def _detail(header: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("signal", "exit", "limit", "message", "phase"):
        value = header.get(key)
        if key in header and (value is None or type(value) is int):
            out[key] = value
        elif isinstance(value, str):
            out[key] = plain_text(value, 500)
    return out


def _names(value: Any) -> tuple[str, ...]:
    return tuple(plain_text(v, 100) for v in value[:50]) if isinstance(value, list) else ()


def _seconds(header: dict[str, Any]) -> float:
    value = header.get("seconds", 0.0)
    if type(value) not in (int, float) or not math.isfinite(value):
        return 0.0
    return min(max(float(value), 0.0), 1e6)


def _opt_int(value: Any) -> int | None:
    return value if type(value) is int and -(1 << 62) < value < (1 << 62) else None
