"""The isolated runner: a fork server that runs learner code, one child per exercise.

Started by the grader as a fresh interpreter (`python -I worker.py`) with a clean
environment, so it never holds the grader's secrets, references or expected answers.
It imports numpy once; each exercise runs in a child forked from it (a few ms), which
drops privileges, sets resource limits, and sends back plain values over a private pipe.
The server enforces the time limits, captures raw output, and kills every process the
child left behind (it is a child subreaper).

Protocol: frames of grader.sandbox.wire on stdin (requests) and stdout (events).
"""

from __future__ import annotations

import fnmatch
import io
import linecache
import os
import resource
import select
import signal
import sys
import time
import traceback
import types
from typing import Any, Callable

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import callables  # noqa: E402
import scan  # noqa: E402
import wire  # noqa: E402

sys.path.remove(HERE)
for _extra in sys.argv[1:]:  # where the grader found numpy, in case -I hid it
    if _extra not in sys.path:
        sys.path.append(_extra)

import numpy as np  # noqa: E402

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
NOBODY = 65534
RESULT_LIMIT = 256 << 20
LIBRARY_DIRS = tuple({os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, os.path.dirname(os.__file__),
                                                    os.path.dirname(os.path.dirname(np.__file__)), HERE)})
BLOCKED_PACKAGES = ("grader", "reference")


def _prctl(option: int, value: int) -> None:
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the process-group kill still applies
        pass


# ---------------------------------------------------------------- the learner's process


class Capture(io.TextIOBase):
    """A text stream that keeps the first `limit` characters and counts the rest."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[str] = []
        self.kept = 0
        self.dropped = 0

    def writable(self) -> bool:
        return True

    def write(self, text: Any) -> int:
        text = str(text)
        room = self.limit - self.kept
        if room > 0:
            self.parts.append(text[:room])
            self.kept += min(room, len(text))
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def take(self) -> dict[str, Any]:
        out = {"text": "".join(self.parts), "dropped": self.dropped}
        self.parts, self.kept, self.dropped = [], 0, 0
        return out


class _BlockGraderImports:
    """Meta-path finder that refuses the grader's and the references' packages."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name.split(".")[0] in BLOCKED_PACKAGES:
            raise ImportError(f"the package {name.split('.')[0]!r} is not available to learner code")
        return None


def _is_library(filename: str) -> bool:
    if not filename or filename.startswith("<frozen"):
        return True
    return os.path.realpath(filename).startswith(LIBRARY_DIRS)


def plan_patches(banned: list[str], modules: list[str] | None = None) -> list[tuple[str, str, str]]:
    """Every (module, attribute, banned entry) where a banned function is bound among loaded modules."""
    roots = {b.split(".")[0] for b in banned}
    last = {b.rsplit(".", 1)[-1] for b in banned}
    patterns = [name for name in last if any(ch in name for ch in "*?[")]
    names = [m for m in (list(sys.modules) if modules is None else modules)
             if m.split(".")[0] in roots and sys.modules.get(m) is not None]
    targets: dict[int, str] = {}
    for modname in names:
        for attr, value in list(vars(sys.modules[modname]).items()):
            if attr not in last and not any(fnmatch.fnmatchcase(attr, p) for p in patterns):
                continue  # cheap pre-filter: only names that end like a banned one
            entry = scan.banned_match(f"{modname}.{attr}", banned)
            if entry is not None and callable(value) and not isinstance(value, types.ModuleType):
                targets.setdefault(id(value), entry)
    return [(modname, attr, targets[id(value)]) for modname in names
            for attr, value in list(vars(sys.modules[modname]).items()) if id(value) in targets]


class Tripwires:
    """Replace banned functions with wrappers that report the call, then refuse it."""

    def __init__(self, banned: list[str], send: Callable[..., None], learner_file: str,
                 blocked_dirs: tuple[str, ...] = ()) -> None:
        self.blocked_dirs = tuple(os.path.realpath(d) + os.sep for d in blocked_dirs)
        self.banned = [b for b in banned if b != scan.OPERATOR and not b.startswith(scan.METHOD_PREFIX)]
        self.all_banned = banned
        self.send = send
        self.learner_file = learner_file
        self.patched: dict[int, Any] = {}
        self.reported: set[tuple[str, str, int]] = set()

    def install(self, plan: list[tuple[str, str, str]] | None = None) -> None:
        if hasattr(sys, "addaudithook"):
            sys.addaudithook(self.audit)
        if not self.banned:
            return
        self.scanned = set(sys.modules)
        self.apply(plan if plan is not None else plan_patches(self.banned))
        sys.meta_path.insert(0, _PatchAfterImport(self))

    def roots(self) -> set[str]:
        return {b.split(".")[0] for b in self.banned}

    def apply(self, places: list[tuple[str, str, str]]) -> None:
        """Bind a wrapper at every (module, attribute) place a banned function is found."""
        for modname, attr, entry in places:
            module = sys.modules.get(modname)
            value = getattr(module, attr, None)
            if module is None or value is None:
                continue
            wrapper = self.patched.get(id(value)) or self._wrap(value, entry)
            try:
                setattr(module, attr, wrapper)
            except (AttributeError, TypeError):
                pass

    def patch_loaded(self) -> None:
        """Patch the modules imported since the last look (a banned package loaded on demand)."""
        fresh = [name for name in list(sys.modules) if name not in self.scanned]
        self.scanned.update(fresh)
        self.apply(plan_patches(self.banned, fresh))

    def _wrap(self, func: Any, entry: str) -> Any:
        tripwires = self

        def banned_call(*args: Any, **kwargs: Any) -> Any:
            tripwires.record(entry)
            raise BannedCall(f"{entry} is banned in this exercise")

        banned_call.__name__ = getattr(func, "__name__", "banned")
        banned_call.__doc__ = getattr(func, "__doc__", None)
        self.patched[id(func)] = banned_call
        self.patched[id(banned_call)] = banned_call
        return banned_call

    def record(self, entry: str, file: str | None = None, line: int | None = None) -> None:
        if file is None:
            file, line = self._blame()
        key = (entry, file or "", line or 0)
        if key in self.reported:
            return
        self.reported.add(key)
        self.send({"ev": "banned", "name": entry, "file": file, "line": line})

    def _blame(self) -> tuple[str | None, int | None]:
        """The learner's frame that led to the call: their file first, then any non-library file."""
        frame = sys._getframe(2)
        fallback = (None, None)
        while frame is not None:
            name = frame.f_code.co_filename
            if name == self.learner_file:
                return name, frame.f_lineno
            if fallback[0] is None and not _is_library(name):
                fallback = (name, frame.f_lineno)
            frame = frame.f_back
        return fallback

    def audit(self, event: str, args: tuple[Any, ...]) -> None:
        """Refuse the grader's files; scan source compiled at run time and non-library imports."""
        if event == "open" and self.blocked_dirs and args and isinstance(args[0], (str, bytes, os.PathLike)):
            path = os.path.realpath(os.fsdecode(args[0]))
            if (path + os.sep).startswith(self.blocked_dirs):
                raise PermissionError(f"learner code may not read {path}")
            return
        if not self.all_banned:
            return
        if event == "compile" and args and isinstance(args[0], (str, bytes)):
            caller = sys._getframe(1)
            while caller is not None and caller.f_code.co_filename == __file__:
                caller = caller.f_back
            if caller is not None and _is_library(caller.f_code.co_filename) \
                    and caller.f_code.co_filename != self.learner_file:
                return
            source = args[0].decode("utf-8", "replace") if isinstance(args[0], bytes) else args[0]
            for f in scan.scan_source(source, str(args[1]), self.all_banned):
                file, line = self._blame()
                self.record(f.name, file or str(args[1]), line or f.line)
        elif event == "exec" and args and isinstance(args[0], types.CodeType):
            filename = args[0].co_filename
            if filename != self.learner_file and not _is_library(filename) and os.path.isfile(filename):
                try:
                    with open(filename, encoding="utf-8") as handle:
                        source = handle.read()
                except OSError:
                    return
                for f in scan.scan_source(source, filename, self.all_banned):
                    self.record(f.name, filename, f.line)


class BannedCall(Exception):
    """Raised in the learner's process when a banned function is called."""


class _PatchAfterImport:
    """Meta-path finder that patches banned functions once their package finishes importing."""

    def __init__(self, tripwires: Tripwires) -> None:
        self.tripwires = tripwires
        self.busy = False

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if self.busy or name.split(".")[0] not in self.tripwires.roots():
            return None
        self.busy = True
        try:
            import importlib.util

            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            return None
        finally:
            self.busy = False
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        spec.loader = _PatchingLoader(spec.loader, self.tripwires)
        return spec


class _PatchingLoader:
    def __init__(self, loader: Any, tripwires: Tripwires) -> None:
        self.loader = loader
        self.tripwires = tripwires

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self.loader.exec_module(module)
        self.tripwires.patch_loaded()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loader, name)


def describe_exception(exc: BaseException, learner_file: str) -> dict[str, Any]:
    """Type, message, the learner's line and a traceback trimmed to the learner's own files."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if not _is_library(f.filename)]
    line = next((f.lineno for f in reversed(frames) if f.filename == learner_file), None)
    if isinstance(exc, SyntaxError) and exc.filename == learner_file:
        line = exc.lineno
    text = "".join(traceback.format_list(frames[-8:]))
    text += "".join(traceback.format_exception_only(type(exc), exc))
    try:
        message = str(exc.msg) if isinstance(exc, SyntaxError) else str(exc)
    except Exception:  # noqa: BLE001 - a learner's exception may fail to print
        message = "<unprintable>"
    return {"type": type(exc).__name__, "message": message[:2000], "traceback": text[-6000:], "line": line,
            "syntax": isinstance(exc, SyntaxError)}


PLAIN_NUMBERS = frozenset({float, int, np.float64, np.float32, np.int64, np.int32, np.complex128})


def to_plain(value: Any, depth: int = 0) -> Any:
    """Convert whatever the learner returned into plain numbers, arrays, tuples and lists."""
    if depth > 8:
        raise wire.Unrepresentable("a value nested too deeply")
    if value is None or type(value) in (bool, int, float, complex, str):
        return value
    if isinstance(value, np.ndarray):
        arr = np.array(value, copy=True, subok=False)
        if arr.dtype.kind not in wire.NUMERIC_KINDS or arr.dtype.fields is not None:
            try:
                arr = np.array(arr.tolist(), dtype=complex if _any_complex(arr) else float)
            except (TypeError, ValueError) as exc:
                raise wire.Unrepresentable(f"an array of dtype {value.dtype}") from exc
        return arr
    if isinstance(value, np.generic):
        return np.asarray(value).reshape(()).astype(np.asarray(value).dtype)[()] \
            if np.asarray(value).dtype.kind in wire.NUMERIC_KINDS else to_plain(value.item(), depth + 1)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, complex):
        return complex(value)
    if isinstance(value, (tuple, list)):
        if len(value) >= 2 and all(type(v) in PLAIN_NUMBERS for v in value):
            packed = np.array(value)
            if packed.dtype.kind in "iufc":
                return wire.NumberList(packed, isinstance(value, tuple))
        items = [to_plain(v, depth + 1) for v in value]
        return tuple(items) if isinstance(value, tuple) else items
    if hasattr(value, "__array__") or hasattr(value, "__array_interface__"):
        arr = np.asarray(value)
        if arr.dtype.kind in wire.NUMERIC_KINDS:
            return np.array(arr, copy=True, subok=False)
    raise wire.Unrepresentable(f"a value of type {type(value).__name__}")


def _any_complex(arr: np.ndarray) -> bool:
    return any(isinstance(v, complex) for v in arr.ravel().tolist())


def run_child(req: dict[str, Any], blobs: list[bytes], result_fd: int, start_at: int,
              plan: list[tuple[str, str, str]] | None = None) -> None:
    """Body of the learner's process: import their file and run the cases from start_at."""

    def send(header: dict[str, Any], out_blobs: list[bytes] | None = None) -> None:
        wire.write_frame(result_fd, header, out_blobs)

    learner_file = req["file"]
    limit = int(req["limits"]["output_kb"]) * 1024
    capture = Capture(limit)
    sys.stdout = sys.stderr = capture
    sys.meta_path.insert(0, _BlockGraderImports())
    tripwires = Tripwires(list(req["banned"]), send, learner_file, tuple(req.get("blocked_dirs", ())))
    tripwires.install(plan)
    module_dir = os.path.dirname(learner_file)
    sys.path.insert(0, module_dir)
    source = req["source"]
    linecache.cache[learner_file] = (len(source), None, source.splitlines(True), learner_file)
    module = types.ModuleType(req["module"])
    module.__file__ = learner_file
    sys.modules[req["module"]] = module
    try:
        code = compile(source, learner_file, "exec")
        exec(code, module.__dict__)  # noqa: S102 - running the learner's code is the point
        func = module.__dict__.get(req["function"])
        if not callable(func):
            send({"ev": "import_error", "type": "MissingFunction", "output": capture.take(),
                  "message": f"the file defines no function named {req['function']!r}"})
            return
    except BaseException as exc:  # noqa: BLE001 - everything the learner raises is reported
        send({"ev": "import_error", **describe_exception(exc, learner_file), "output": capture.take()})
        return
    send({"ev": "ready", "output": capture.take()})
    for index in range(start_at, len(req["cases"])):
        run_case(index, req["cases"][index], blobs, func, send, capture, learner_file)
    send({"ev": "finished"})


def run_case(index: int, case: dict[str, Any], blobs: list[bytes], func: Callable[..., Any],
             send: Callable[..., None], capture: Capture, learner_file: str) -> None:
    """Run one case with fresh inputs; report its value, or what it raised, and mutated inputs."""
    args = wire.decode(case["args"], blobs)
    args = {k: callables.build(v) if isinstance(v, callables.CallableSpec) else v for k, v in args.items()}
    before = {k: v.tobytes() for k, v in args.items() if isinstance(v, np.ndarray)}
    started = time.perf_counter()
    try:
        value = func(*args.values())
        seconds = time.perf_counter() - started
        mutated = [k for k, raw in before.items() if args[k].tobytes() != raw]
        out_blobs: list[bytes] = []
        try:
            tree = wire.encode(to_plain(value), out_blobs)
        except wire.Unrepresentable as exc:
            tree, out_blobs = {"t": "unrepresentable", "what": str(exc)}, []
        send({"ev": "done", "case": index, "value": tree, "mutated": mutated, "seconds": seconds,
              "output": capture.take()}, out_blobs)
    except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt included
        seconds = time.perf_counter() - started
        mutated = [k for k, raw in before.items() if args[k].tobytes() != raw]
        send({"ev": "raised", "case": index, **describe_exception(exc, learner_file), "mutated": mutated,
              "seconds": seconds, "output": capture.take()})


def enter_child(req: dict[str, Any], result_fd: int, output_fd: int, workdir: str, drop: bool) -> None:
    """Make this freshly forked process a locked-down home for learner code."""
    os.setsid()
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(output_fd, 1)
    os.dup2(output_fd, 2)
    keep = {0, 1, 2, result_fd}
    for fd in range(3, _max_fd()):
        if fd not in keep:
            try:
                os.close(fd)
            except OSError:
                pass
    limits = req["limits"]
    base = _address_space()
    memory = base + int(limits["memory_mb"]) * (1 << 20)
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(float(limits["exercise_seconds"])) + 2
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 << 20, 64 << 20))
    os.chdir(workdir)
    if drop:
        resource.setrlimit(resource.RLIMIT_NPROC, (256, 256))
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)
    os.environ["HOME"] = workdir
    os.environ["TMPDIR"] = workdir
    import tempfile

    tempfile.tempdir = workdir


def _max_fd() -> int:
    try:
        return max(int(fd) for fd in os.listdir("/proc/self/fd")) + 1
    except (OSError, ValueError):
        return 256


def _address_space() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 512 << 20


# ---------------------------------------------------------------- the server


class Server:
    """Reads requests, forks a child per exercise, supervises it, relays its events."""

    def __init__(self, out_fd: int) -> None:
        self.out_fd = out_fd
        self.outbox: list[bytes] = []
        self.drop = os.geteuid() == 0 and os.environ.get("GRADE_SANDBOX_DROP", "1") != "0"
        self.scipy_loaded = False
        self.plans: dict[tuple[tuple[str, ...], int], list[tuple[str, str, str]]] = {}

    def emit(self, header: dict[str, Any], blobs: list[bytes] | None = None) -> None:
        """Queue an event for the grader (sent in one write when the exercise ends)."""
        self.outbox.append(wire.pack(header, blobs))

    def relay(self, raw: bytes) -> None:
        """Queue a frame from the learner's process exactly as received (already validated)."""
        self.outbox.append(raw)

    def flush(self) -> None:
        data = memoryview(b"".join(self.outbox))
        self.outbox = []
        while data:
            data = data[os.write(self.out_fd, data):]

    def serve(self) -> None:
        self.emit({"ev": "hello", "pid": os.getpid(), "drop": self.drop})
        self.flush()
        stdin = os.fdopen(0, "rb", buffering=1 << 16)
        while True:
            frame = wire.read_frame(stdin)
            if frame is None:
                break
            header, blobs = frame
            if header.get("op") == "run":
                self.run(header, blobs)
            self.emit({"ev": "end"})
            self.flush()
        self.sweep()

    def run(self, req: dict[str, Any], blobs: list[bytes]) -> None:
        try:
            with open(req["file"], encoding="utf-8") as handle:
                req["source"] = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            self.emit({"ev": "import_error", "type": type(exc).__name__, "message": f"cannot read the file: {exc}"})
            return
        if not self.scipy_loaded and "scipy" in req["source"]:
            self._preload_scipy()
        limits = req["limits"]
        deadline = time.monotonic() + float(limits["exercise_seconds"])
        start_at, total = 0, len(req["cases"])
        while start_at < total:
            stopped_at = self.supervise(req, blobs, start_at, deadline)
            if stopped_at is None or time.monotonic() >= deadline:
                return
            start_at = stopped_at + 1

    def plan(self, req: dict[str, Any]) -> list[tuple[str, str, str]]:
        """Where the banned functions are bound, computed once per banned list (children inherit it)."""
        banned = tuple(b for b in req["banned"] if b != scan.OPERATOR and not b.startswith(scan.METHOD_PREFIX))
        key = (banned, len(sys.modules))
        if key not in self.plans:
            self.plans[key] = plan_patches(list(banned)) if banned else []
        return self.plans[key]

    def _preload_scipy(self) -> None:
        """Import scipy.linalg once, so every later child has it (learners' files use it)."""
        self.scipy_loaded = True
        try:
            import scipy.linalg  # noqa: F401
        except ImportError:
            pass

    def supervise(self, req: dict[str, Any], blobs: list[bytes], start_at: int, deadline: float) -> int | None:
        """Run one child from start_at; return the case it was stopped on, or None when done."""
        limits = req["limits"]
        case_seconds = float(limits["case_seconds"])
        import tempfile

        workdir = tempfile.mkdtemp(prefix="grade-run-")
        if self.drop:
            os.chown(workdir, NOBODY, NOBODY)
        result_r, result_w = os.pipe()
        output_r, output_w = os.pipe()
        plan = self.plan(req)
        pid = os.fork()
        if pid == 0:  # the learner's process
            code = 0
            try:
                os.close(result_r)
                os.close(output_r)
                enter_child(req, result_w, output_w, workdir, self.drop)
                run_child(req, blobs, result_w, start_at, plan)
            except BaseException:  # noqa: BLE001 - report and leave, never return into the server
                code = 70
                try:
                    os.write(2, traceback.format_exc().encode()[-4000:])
                except OSError:
                    pass
            finally:
                os._exit(code)
        os.close(result_w)
        os.close(output_w)
        try:
            return self._watch(pid, result_r, output_r, start_at, case_seconds, deadline,
                               int(limits["output_kb"]) * 1024)
        finally:
            self._kill_tree(pid)
            for fd in (result_r, output_r):
                try:
                    os.close(fd)
                except OSError:
                    pass
            import shutil

            shutil.rmtree(workdir, ignore_errors=True)

    def _watch(self, pid: int, result_r: int, output_r: int, start_at: int, case_seconds: float,
               deadline: float, output_limit: int) -> int | None:
        reader = wire.FrameReader(RESULT_LIMIT)
        raw_output = bytearray()
        dropped = 0
        phase, current = "import", None
        import_seconds = max(case_seconds, 10.0)
        step_deadline = min(deadline, time.monotonic() + import_seconds)
        open_fds = [result_r, output_r]
        finished = False
        stopped: int | None = None
        while result_r in open_fds:
            left = step_deadline - time.monotonic()
            if left <= 0:
                self._kill_tree(pid)
                limit_name = "exercise" if step_deadline >= deadline else ("case" if phase == "case" else "import")
                self.emit({"ev": "timeout", "case": current, "phase": phase, "limit": limit_name})
                stopped = current if phase == "case" and current is not None else None
                break
            ready, _, _ = select.select(open_fds, [], [], left)
            for fd in ready:
                try:
                    data = os.read(fd, 1 << 16)
                except OSError:
                    data = b""
                if not data:
                    open_fds.remove(fd)
                    continue
                if fd == output_r:
                    room = output_limit - len(raw_output)
                    raw_output += data[:max(room, 0)]
                    dropped += max(0, len(data) - max(room, 0))
                    continue
                try:
                    frames = reader.feed(data)
                except wire.WireError as exc:
                    self._kill_tree(pid)
                    self.emit({"ev": "protocol", "case": current, "message": str(exc)})
                    self._emit_output(raw_output, dropped)
                    return current if phase == "case" else None
                for header, _blobs, raw in frames:
                    kind = header.get("ev")
                    if kind in ("done", "raised") and header.get("case") == current:
                        # the next case starts as soon as this one is reported
                        current = current + 1 if isinstance(current, int) else None
                        step_deadline = min(deadline, time.monotonic() + case_seconds)
                    elif kind == "ready":
                        phase, current = "case", start_at
                        step_deadline = min(deadline, time.monotonic() + case_seconds)
                    elif kind in ("finished", "import_error"):
                        finished = True
                        current = None
                    self.relay(raw)
        else:
            status = self._reap(pid)
            if not finished:
                self.emit({"ev": "crashed", "case": current, "phase": phase, **status})
                stopped = current if phase == "case" and current is not None else None
        self._drain(output_r, raw_output, output_limit)
        self._emit_output(raw_output, dropped)
        return stopped

    def _drain(self, fd: int, buffer: bytearray, limit: int) -> None:
        while True:
            ready, _, _ = select.select([fd], [], [], 0)
            if not ready:
                return
            try:
                data = os.read(fd, 1 << 16)
            except OSError:
                return
            if not data:
                return
            buffer += data[:max(limit - len(buffer), 0)]

    def _emit_output(self, raw: bytearray, dropped: int) -> None:
        if raw or dropped:
            self.emit({"ev": "output", "text": raw.decode("utf-8", "replace"), "dropped": dropped})

    def _reap(self, pid: int) -> dict[str, Any]:
        """Wait (briefly) for the child to exit and say how it ended."""
        end = time.monotonic() + 2.0
        while True:
            try:
                done, status = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                return {"exit": None, "signal": None}
            if done:
                if os.WIFSIGNALED(status):
                    return {"exit": None, "signal": os.WTERMSIG(status)}
                return {"exit": os.WEXITSTATUS(status), "signal": None}
            if time.monotonic() > end:
                self._kill_tree(pid)
            time.sleep(0.001)

    def _kill_tree(self, pid: int) -> None:
        """Kill the child, its process group, and anything it left behind (reparented to us)."""
        for kill in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
            try:
                kill()
            except (ProcessLookupError, PermissionError):
                pass
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
        self.sweep()

    def sweep(self) -> None:
        """Kill and reap every remaining child (orphans of the learner's code land here)."""
        for _ in range(200):
            try:
                done, _status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if done:
                continue
            me = os.getpid()
            for child in _children_of(me):
                for kill in (lambda: os.killpg(child, signal.SIGKILL), lambda: os.kill(child, signal.SIGKILL)):
                    try:
                        kill()
                    except (ProcessLookupError, PermissionError):
                        pass
            time.sleep(0.002)


def _children_of(ppid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == ppid:
            found.append(int(entry))
    return found


def main() -> None:
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    out_fd = os.dup(1)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)  # nothing printed by accident can corrupt the event stream
    Server(out_fd).serve()


if __name__ == "__main__":
    main()
