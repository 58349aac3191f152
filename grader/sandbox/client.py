"""The grader's side of the isolated runner: start the worker, send inputs, read events."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from grader.errors import SandboxError
from grader.sandbox import wire

WORKER = Path(__file__).with_name("worker.py")
PASSED_ENV = ("PATH", "LANG", "LC_ALL", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "GRADE_SANDBOX_DROP")


@dataclass(frozen=True)
class Raised:
    """An exception from the learner's code, as the learner's process described it."""

    type: str
    message: str
    traceback: str = ""
    line: int | None = None
    syntax: bool = False


@dataclass(frozen=True)
class BannedUse:
    """A banned function called at run time."""

    name: str
    file: str | None
    line: int | None


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


class Sandbox:
    """One worker process, reused for many exercises; use as a context manager."""

    def __init__(self) -> None:
        self.home = tempfile.mkdtemp(prefix="grade-worker-")
        os.chmod(self.home, 0o755)
        numpy_root = _numpy_root()
        self.stderr = tempfile.TemporaryFile()
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-B", str(WORKER), numpy_root],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr,
                env=clean_environment(self.home), cwd=self.home, start_new_session=True)
        except OSError as exc:
            raise SandboxError(f"cannot start the isolated runner: {exc}") from None
        self._hello = False
        self._pending = False

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def submit(self, request: RunRequest) -> None:
        """Send a request; the learner's code starts running while the grader works on."""
        blobs: list[bytes] = []
        cases = [{"name": name, "args": wire.encode(dict(args), blobs)} for name, args in request.cases]
        header = {"op": "run", "file": str(request.file), "function": request.function, "module": "submission",
                  "banned": list(request.banned), "limits": dict(request.limits), "cases": cases,
                  "blocked_dirs": list(request.blocked_dirs)}
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.write(wire.pack(header, blobs))
            self.proc.stdin.flush()
        except OSError:
            raise SandboxError(self._died("while receiving a request")) from None
        self._pending = True

    def collect(self, ncases: int) -> RunOutcome:
        """Read the events of the submitted request until its end."""
        if not self._pending:
            raise SandboxError("no request was submitted")
        self._pending = False
        events = []
        while True:
            frame = self._read()
            header, blobs = frame
            if header.get("ev") == "hello":
                continue
            if header.get("ev") == "end":
                break
            events.append((header, blobs))
        return assemble(events, ncases)

    def run(self, request: RunRequest) -> RunOutcome:
        """Submit and collect."""
        self.submit(request)
        return self.collect(len(request.cases))

    def _read(self) -> tuple[dict[str, Any], list[bytes]]:
        try:
            assert self.proc.stdout is not None
            frame = wire.read_frame(self.proc.stdout)
        except wire.WireError as exc:
            raise SandboxError(f"the isolated runner sent a malformed message: {exc}") from None
        if frame is None:
            raise SandboxError(self._died("while running"))
        return frame

    def _died(self, when: str) -> str:
        self.proc.poll()
        self.stderr.seek(0)
        tail = self.stderr.read()[-2000:].decode("utf-8", "replace")
        return f"the isolated runner stopped {when} (exit status {self.proc.returncode}): {tail.strip()}"

    def close(self) -> None:
        """Stop the worker; it kills whatever learner processes remain before exiting."""
        if self.proc.poll() is None:
            # Every learner process was killed and reaped when its exercise ended, so the idle
            # worker can be stopped at once rather than waiting for its interpreter to tear down.
            try:
                assert self.proc.stdin is not None
                self.proc.stdin.close()
            except OSError:
                pass
            self.proc.kill()
            self.proc.wait()
        for stream in (self.proc.stdout,):
            if stream is not None:
                stream.close()
        self.stderr.close()
        shutil.rmtree(self.home, ignore_errors=True)


def assemble(events: list[tuple[dict[str, Any], list[bytes]]], ncases: int) -> RunOutcome:
    """Turn the worker's event stream into one outcome per case (first report of a case wins)."""
    outcomes: dict[int, CaseOutcome] = {}
    import_error: Raised | None = None
    import_failure: dict[str, Any] | None = None
    banned: list[BannedUse] = []
    output: list[str] = []
    seen_ready = False
    for header, blobs in events:
        kind = header.get("ev")
        case = header.get("case")
        index = case if isinstance(case, int) and 0 <= case < ncases else None
        text = _output_text(header.get("output"))
        if kind == "ready" and not seen_ready:
            seen_ready = True
            output.append(text)
        elif kind == "output":
            output.append(_output_text(header))
        elif kind == "import_error" and import_error is None:
            import_error = _raised(header)
            output.append(text)
        elif kind == "banned":
            banned.append(BannedUse(str(header.get("name")), _opt_str(header.get("file")), _opt_int(header.get("line"))))
        elif kind == "done" and index is not None and index not in outcomes:
            outcomes[index] = _done(index, header, blobs, text)
        elif kind == "raised" and index is not None and index not in outcomes:
            outcomes[index] = CaseOutcome(index, "raised", raised=_raised(header), output=text,
                                          mutated=_names(header.get("mutated")), seconds=_seconds(header))
        elif kind in ("timeout", "crashed", "protocol"):
            if index is not None and index not in outcomes:
                outcomes[index] = CaseOutcome(index, kind, detail=_detail(header))
            elif header.get("phase") == "import" and import_error is None and import_failure is None:
                import_failure = {"kind": kind, **_detail(header)}
    cases = tuple(outcomes.get(i, CaseOutcome(i, "not_run")) for i in range(ncases))
    return RunOutcome(cases, import_error, import_failure, tuple(banned), "".join(output))


def _done(index: int, header: dict[str, Any], blobs: list[bytes], text: str) -> CaseOutcome:
    tree = header.get("value")
    mutated = _names(header.get("mutated"))
    if isinstance(tree, dict) and tree.get("t") == "unrepresentable":
        return CaseOutcome(index, "value", unrepresentable=str(tree.get("what")), mutated=mutated, output=text,
                           seconds=_seconds(header))
    try:
        value = wire.decode(tree, blobs)
    except (wire.WireError, ValueError, TypeError, KeyError, IndexError) as exc:
        return CaseOutcome(index, "protocol", detail={"message": f"unreadable result: {exc}"})
    return CaseOutcome(index, "value", value=value, mutated=mutated, output=text, seconds=_seconds(header))


def _raised(header: dict[str, Any]) -> Raised:
    return Raised(str(header.get("type", "Exception")), str(header.get("message", "")),
                  str(header.get("traceback", "")), _opt_int(header.get("line")), bool(header.get("syntax")))


def _detail(header: dict[str, Any]) -> dict[str, Any]:
    return {k: header[k] for k in ("signal", "exit", "limit", "message", "phase") if k in header
            and isinstance(header[k], (int, str, type(None)))}


def _output_text(out: Any) -> str:
    if not isinstance(out, dict):
        return ""
    text = str(out.get("text", ""))
    dropped = out.get("dropped", 0)
    if isinstance(dropped, int) and dropped > 0:
        text += f"\n... ({dropped} more characters of output not shown)\n"
    return text


def _names(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _seconds(header: dict[str, Any]) -> float:
    value = header.get("seconds", 0.0)
    return float(value) if isinstance(value, (int, float)) else 0.0


def _opt_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None
