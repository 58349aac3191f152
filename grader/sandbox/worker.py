"""The isolated runner: a fork server that runs learner code in children of its own.

Started by the grader as a fresh interpreter (`python -I worker.py`) with a clean
environment, so it never holds the grader's secrets, references or expected answers.
It imports numpy once; an exercise runs in a child forked from it (a few ms), which
drops privileges, sets resource limits, confines its files (confine.py), and sends back
plain values over a private pipe. The server enforces the time limits, captures raw
output, accepts from the child only the events it may send in the order it may send them,
and kills every process the child left behind (it is a child subreaper).

A child whose exercise ended cleanly (no time-out, crash, forged message, banned call, output
still coming, thread or process left) waits: when the same learner's next exercise comes (same
folder, so the same Landlock rules, ids and blocked folders), it tidies up (tripwires, modules,
paths, folder), the server checks again that it is idle (one thread, no process left) and it runs
that exercise, without a fork and set-up (`grade all`, `grade batch`). Any other request, or
anything the child cannot take (a library it would have to import after dropping its ids, no room
left under its hard limits), and it is killed and a fresh child forked: the grader never sees the
difference.

Protocol: frames of grader.sandbox.wire on stdin (requests) and stdout (events). Events
of one request: `armed` (the learner's code is about to run: from here on, a failure is
the learner's), the child's `ready`/`import_error`/`done`/`raised`/`banned` frames as sent,
and the server's own `setup_failed`/`timeout`/`crashed`/`protocol`/`output`, then `end`.
"""

from __future__ import annotations

import ast
import gc
import fnmatch
import io
import linecache
import os
import re
import select
import signal
import stat
import sys
import time
import traceback
import types
from typing import Any, Callable

HERE = os.path.dirname(os.path.abspath(__file__))
for _extra in sys.argv[1:]:  # where the grader found numpy, in case -I hid it
    if _extra and _extra not in sys.path:
        sys.path.append(_extra)
sys.path.insert(0, HERE)
import callables  # noqa: E402
import confine  # noqa: E402
import scan  # noqa: E402
import wire  # noqa: E402

sys.path.remove(HERE)

import numpy as np  # noqa: E402

RESULT_LIMIT = 256 << 20  # bytes of results the learner's processes may send for one exercise
SOURCE_LIMIT = 4 << 20  # bytes of a learner's file
SETUP_SECONDS = 30.0  # for the grader's own part of a child's start (never the learner's time)
FILE_LIMIT = 64 << 20  # RLIMIT_FSIZE: bytes per file the learner writes
SCRATCH_BYTES, SCRATCH_FILES = 64 << 20, 1024  # the learner's whole working folder, when root can mount it
OPEN_FILES = 1024  # RLIMIT_NOFILE
TASKS = 128  # RLIMIT_NPROC: processes and threads of a learner (above the user's others when not root)
LIBRARY_DIRS = tuple({os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, os.path.dirname(os.__file__),
                                                    os.path.dirname(os.path.dirname(np.__file__)), HERE)})
BLOCKED_PACKAGES = ("grader", "reference")
TRUSTED_PACKAGES = ("numpy", "scipy")  # the grader's own dependencies: imported once in the server
NEVER_PREIMPORT = frozenset({"antigravity", "this", "idlelib", "tkinter", "turtle", "turtledemo", "webbrowser",
                             *BLOCKED_PACKAGES})
PREIMPORT_MAX = 64
MEMORY_SLACK = 128 << 20  # hard RLIMIT_AS above the first exercise's soft one: room for a reused process's next
CPU_SLACK = 60  # seconds of hard RLIMIT_CPU above the first exercise's: room for the next exercises
IDLE_SECONDS = 2.0  # for a learner's process to tidy up after an exercise, or to take the next one


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
        self.placed: list[tuple[Any, str, Any, Any]] = []  # (module, attribute, original, wrapper)
        self.reported: set[tuple[str, str, int]] = set()
        self.active = True

    def install(self, plan: list[tuple[str, str, str]] | None = None) -> None:
        global _TRIPWIRES
        if _TRIPWIRES is None and hasattr(sys, "addaudithook"):
            sys.addaudithook(_audit)  # once per process (hooks cannot be removed): it asks the current tripwires
        _TRIPWIRES = self
        if not self.banned:
            return
        self.scanned = set(sys.modules)
        self.apply(plan if plan is not None else plan_patches(self.banned))
        sys.meta_path.insert(0, _PatchAfterImport(self))

    def uninstall(self) -> None:
        """Put the original functions back (a reused process's next exercise bans other things); wrappers
        still held elsewhere (`from numpy.linalg import det` in a module) now call the original."""
        self.active = False
        for module, attr, original, wrapper in reversed(self.placed):
            try:
                if getattr(module, attr, None) is wrapper:
                    setattr(module, attr, original)
            except Exception:  # noqa: BLE001 - a module the learner replaced: theirs to keep
                pass
        self.placed = []
        sys.meta_path[:] = [f for f in sys.meta_path if not (isinstance(f, _PatchAfterImport) and f.tripwires is self)]

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
            if wrapper is value:
                continue
            try:
                setattr(module, attr, wrapper)
            except (AttributeError, TypeError):
                continue
            self.placed.append((module, attr, value, wrapper))

    def patch_loaded(self) -> None:
        """Patch the modules imported since the last look (a banned package loaded on demand)."""
        fresh = [name for name in list(sys.modules) if name not in self.scanned]
        self.scanned.update(fresh)
        self.apply(plan_patches(self.banned, fresh))

    def _wrap(self, func: Any, entry: str) -> Any:
        tripwires = self

        def banned_call(*args: Any, **kwargs: Any) -> Any:
            if not tripwires.active:  # left from an earlier exercise of a reused process: as the function is now
                current = _TRIPWIRES
                target = current.patched.get(id(func), func) if current is not None and current.active else func
                return target(*args, **kwargs)
            tripwires.record(entry)
            raise BannedCall(f"{entry} is banned in this exercise")

        banned_call.__name__ = getattr(func, "__name__", "banned")
        banned_call.__doc__ = getattr(func, "__doc__", None)
        self.patched[id(func)] = banned_call
        self.patched[id(banned_call)] = banned_call
        return banned_call

    def record(self, entry: str, file: str | None = None, line: int | None = None) -> None:
        via = None
        if file is None:
            file, line, via = self._blame()
        key = (entry, file or "", line or 0)
        if key in self.reported:
            return
        self.reported.add(key)
        self.send({"ev": "banned", "name": entry, "file": file, "line": line, "via": via})

    def _blame(self) -> tuple[str | None, int | None, str | None]:
        """The learner's frame that led to the call (their file first, then any non-library file), and
        the library function it called when that one called the banned function for it."""
        wrapper = sys._getframe(2)
        frame, callee = wrapper, None
        fallback: tuple[str | None, int | None, str | None] = (None, None, None)
        while frame is not None:
            name = frame.f_code.co_filename
            if name == self.learner_file or (fallback[0] is None and not _is_library(name)):
                via = None
                if callee is not None and callee is not wrapper and _is_library(callee.f_code.co_filename):
                    module = str(callee.f_globals.get("__name__", ""))
                    via = scan.canonical(f"{module}.{callee.f_code.co_name}") if module else callee.f_code.co_name
                if name == self.learner_file:
                    return name, frame.f_lineno, via
                fallback = (name, frame.f_lineno, via)
            frame, callee = frame.f_back, frame
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
                file, line, _via = self._blame()
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


_TRIPWIRES: Tripwires | None = None  # the current exercise's, in a learner's process


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _TRIPWIRES is not None:
        _TRIPWIRES.audit(event, args)


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
    bases = [c.__name__ if c.__module__ == "builtins" else f"{c.__module__}.{c.__qualname__}"
             for c in type(exc).__mro__][:20]  # the type and its ancestors, so the grader matches a subclass like pytest.raises
    return {"type": type(exc).__name__, "message": message[:2000], "traceback": text[-6000:], "line": line,
            "syntax": isinstance(exc, SyntaxError), "bases": bases}


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


def prepare_child(req: dict[str, Any], send: Callable[..., None], plan: list[tuple[str, str, str]] | None,
                  preimported: list[str]) -> tuple[Capture, types.ModuleType]:
    """The grader's last steps before the learner's code: capture, import blocker, tripwires."""
    learner_file = req["file"]
    capture = Capture(int(req["limits"]["output_kb"]) * 1024)
    sys.stdout = sys.stderr = capture
    sys.meta_path.insert(0, _BlockGraderImports())
    tripwires = Tripwires(list(req["banned"]), send, learner_file, tuple(req.get("blocked_dirs", ())))
    tripwires.install(plan)
    if tripwires.banned and preimported:  # modules imported in this child only: not in the server's plan
        tripwires.apply(plan_patches(tripwires.banned, preimported))
    sys.path.insert(0, os.path.dirname(learner_file))
    source = req["source"]
    linecache.cache[learner_file] = (len(source), None, source.splitlines(True), learner_file)
    module = types.ModuleType(req["module"])
    module.__file__ = learner_file
    sys.modules[req["module"]] = module
    return capture, module


def run_child(req: dict[str, Any], blobs: list[bytes], send: Callable[..., None], start_at: int,
              capture: Capture, module: types.ModuleType) -> bool:
    """Body of the learner's process: import their file and run the cases from start_at; True when it ended
    as it should (every case ran, or the import failed): the process may then serve the learner's next
    exercise."""
    learner_file = req["file"]
    send({"ev": "armed"})
    try:
        code = compile(req["source"], learner_file, "exec")
        exec(code, module.__dict__)  # noqa: S102 - running the learner's code is the point
        func = module.__dict__.get(req["function"])
        if not callable(func):
            send({"ev": "import_error", "type": "MissingFunction", "output": capture.take(),
                  "message": f"the file defines no function named {req['function']!r}"})
            return True
    except BaseException as exc:  # noqa: BLE001 - everything the learner raises is reported
        send({"ev": "import_error", **describe_exception(exc, learner_file), "output": capture.take()})
        return True
    send({"ev": "ready", "output": capture.take()})
    for index in range(start_at, len(req["cases"])):
        run_case(index, req["cases"][index], blobs, func, send, capture, learner_file)
    send({"ev": "finished"})
    return True


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


# ---------------------------------------------------------------- setting up the learner's process


def isolate(result_fd: int, output_fd: int, command_fd: int) -> None:
    """Own session, death with the server, stdin empty, stdout/stderr to the output pipe, no other fd
    but the results' and the server's commands'."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the server's own handler is not the learner's
    os.setsid()
    confine.prctl(confine.PR_SET_PDEATHSIG, signal.SIGKILL)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(output_fd, 1)
    os.dup2(output_fd, 2)
    low, high = sorted((result_fd, command_fd))
    os.closerange(3, low)
    os.closerange(low + 1, high)
    os.closerange(high + 1, max(os.sysconf("SC_OPEN_MAX"), 1024))  # close_range(2): one system call


def preimport(names: list[str]) -> list[str]:
    """Import the library modules the learner's file names, while the installation is still readable;
    the modules this loaded."""
    import importlib

    if all(name in sys.modules for name in names):
        return []  # the usual case: nothing to import (and no walk over sys.modules)
    before = set(sys.modules)
    for name in names:
        if name not in sys.modules:
            try:
                importlib.import_module(name)
            except BaseException:  # noqa: BLE001 - the learner's own import will say what is wrong
                pass
    return [name for name in sys.modules if name not in before]


def confine_child(req: dict[str, Any], workdir: str, uid: int | None, tasks: int | None, server: int,
                  reusable: bool) -> None:
    """Limits, scratch folder, the learner's own uid, the signal filter (Landlock came first, in `child`)."""
    limits = req["limits"]
    memory = confine.address_space() + int(limits["memory_mb"]) * (1 << 20)
    cpu = int(float(limits["exercise_seconds"])) + 2
    confine.set_limits(memory, cpu, FILE_LIMIT, tasks, OPEN_FILES, MEMORY_SLACK if reusable else 0,
                       CPU_SLACK if reusable else 0)
    os.chdir(workdir)
    if uid is not None:
        confine.drop_privileges(uid)
    confine.prctl(confine.PR_SET_PDEATHSIG, signal.SIGKILL)  # again: changing ids cleared it
    if os.getppid() != server:  # the worker died meanwhile
        os._exit(0)
    confine.confine_signals()
    os.environ["HOME"] = workdir
    os.environ["TMPDIR"] = workdir
    import tempfile

    tempfile.tempdir = workdir


class Reuse:
    """A learner's process serving that learner's next exercises (same ids, Landlock rules, blocked folders):
    what it puts back between exercises, and how it takes the next one. Taken before the first exercise's
    learner code runs; anything unexpected makes it leave, and the server forks a fresh process instead."""

    def __init__(self, workdir: str, uid: int | None, loaded: set[str], tried: set[str]) -> None:
        self.workdir = workdir
        self.dropped = uid is not None
        self.loaded = loaded  # the server's modules when it forked this process: what its plans cover
        self.tried = tried  # library modules already imported (or tried) in this process
        self.modules = set(sys.modules)
        self.path, self.meta_path = list(sys.path), list(sys.meta_path)
        self.recursion = sys.getrecursionlimit()
        self.numpy_errors = np.geterr()
        import warnings

        self.warnings = list(warnings.filters)
        self.signals = {}
        for signum in signal.valid_signals():
            try:
                self.signals[signum] = signal.getsignal(signum)
            except (OSError, ValueError):
                continue
        self.learner_file = ""
        self.module = ""

    def pause(self) -> bool:
        """Right after an exercise: no timer or signal handler of the learner's may run while this process
        waits; False when it should not wait (threads left)."""
        try:
            threading = sys.modules.get("threading")
            if threading is not None and threading.active_count() != 1:
                return False  # the server also counts the kernel's threads
            for timer in (signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF):
                signal.setitimer(timer, 0)
            for signum, handler in self.signals.items():
                if signal.getsignal(signum) is not handler and handler is not None:
                    signal.signal(signum, handler)
            return True
        except BaseException:  # noqa: BLE001 - whatever it was, a fresh process is the safe answer
            return False

    def idle(self) -> bool:
        """Undo the exercise that ended, when the learner's next one comes; False when this process should
        not be reused."""
        try:
            return self._idle()
        except BaseException:  # noqa: BLE001 - whatever it was, a fresh process is the safe answer
            return False

    def _idle(self) -> bool:
        if _TRIPWIRES is not None:
            _TRIPWIRES.uninstall()
        if not self.pause():
            return False
        sys.settrace(None)
        sys.setprofile(None)
        sys.setrecursionlimit(self.recursion)
        sys.stdout = sys.stderr = Capture(0)
        sys.path[:] = self.path
        sys.meta_path[:] = self.meta_path
        for name in [n for n in sys.modules if n not in self.modules]:  # the learner's own: imported afresh
            file = getattr(sys.modules.get(name), "__file__", None)
            if name == self.module or (isinstance(file, str) and not _is_library(file)):
                sys.modules.pop(name, None)
        linecache.cache.pop(self.learner_file, None)
        np.seterr(**self.numpy_errors)
        import warnings

        warnings.filters[:] = self.warnings
        os.chdir(self.workdir)
        for entry in os.scandir(self.workdir):
            if entry.is_dir(follow_symlinks=False):
                import shutil

                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
        os.environ["HOME"] = os.environ["TMPDIR"] = self.workdir
        import tempfile

        tempfile.tempdir = self.workdir
        return True

    def missing(self, names: list[str]) -> list[str]:
        """The library modules a source names that this process has not imported (nor tried to)."""
        out = []
        for name in names:
            if name in sys.modules or name in self.tried:
                continue
            parent, _, last = name.rpartition(".")
            value = vars(sys.modules[parent]).get(last) if parent in sys.modules else None
            if value is not None and not isinstance(value, types.ModuleType):
                continue  # numpy.linalg.norm: a function, not a module
            out.append(name)
        return out

    def take(self, req: dict[str, Any], plan: list[tuple[str, str, str]],
             send: Callable[..., None]) -> tuple[Capture, types.ModuleType] | None:
        """Set up the next exercise (after `stage`, as in a fresh process); None when this process cannot."""
        try:
            limits = req["limits"]
            memory = int(limits["memory_mb"]) * (1 << 20)
            confine.limit_memory(confine.address_space() + memory)
            names = library_imports(req["source"], os.path.dirname(req["file"]))
            confine.limit_memory(None)
            missing = self.missing(names)
            if missing and self.dropped:
                return None  # a fresh process imports them before dropping its ids
            self.tried.update(missing)
            preimport(missing)
            if not confine.renew_limits(confine.address_space() + memory, int(float(limits["exercise_seconds"])) + 2):
                return None
            self.learner_file, self.module = req["file"], req["module"]
            extra = [name for name in sys.modules if name not in self.loaded]
            return prepare_child(req, send, plan, extra)
        except BaseException:  # noqa: BLE001 - a fresh process will say what is wrong, if anything is
            return None


def library_roots() -> tuple[str, ...]:
    """Folders of the Python installation and its packages: what learner code may read."""
    prefixes = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)}
    roots = set(prefixes) | {os.path.realpath(os.path.dirname(os.__file__)),
                             os.path.realpath(os.path.dirname(os.path.dirname(np.__file__)))}
    for entry in sys.path:
        real = os.path.realpath(entry) if entry else ""
        if real and os.path.isdir(real) and (os.path.basename(real) in ("site-packages", "dist-packages")
                                              or any(confine._within(real, p) for p in prefixes)):
            roots.add(real)
    return tuple(sorted(roots))


def library_imports(source: str, module_dir: str) -> list[str]:
    """Modules (and submodules) the source imports or reaches by attribute, to import before dropping ids.

    Only names that are not the learner's own modules (next to their file) and not blocked.
    """
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    aliases: dict[str, str] = {}
    names: list[str] = []
    nodes = list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                names.append(alias.name)
                aliases[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname \
                    else alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
            names.extend(f"{node.module}.{a.name}" for a in node.names if a.name != "*")
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str) and _called(node.func) in ("import_module", "__import__"):
            names.append(node.args[0].value)
    for node in nodes:
        if isinstance(node, ast.Attribute):
            dotted = _dotted(node)
            if dotted and dotted[0] in aliases:
                full = [*aliases[dotted[0]].split("."), *dotted[1:]]
                names.extend(".".join(full[:i]) for i in range(2, len(full) + 1))
    own = _own_modules(module_dir)
    picked: list[str] = []
    for name in dict.fromkeys(names):
        top = name.split(".")[0]
        if not top.isidentifier() or top in NEVER_PREIMPORT or top in own:
            continue
        picked.append(name)
    return picked[:PREIMPORT_MAX]


TRUSTED_USE = re.compile(r"\b(numpy|np|scipy)\s*\.\s*([A-Za-z_]\w*)(?:\s*\.\s*([A-Za-z_]\w*))?")
TRUSTED_FROM = re.compile(r"\bfrom[ \t]+(numpy|scipy)((?:[ \t]*\.[ \t]*[A-Za-z_]\w*)*)[ \t]+import[ \t]+"
                          r"(\([^)]*\)|[^\n;#]*)")


def trusted_imports(source: str) -> list[str]:
    """numpy's and scipy's submodules the source may use (np.random.x, from scipy import sparse), read
    with a regular expression: the server never parses learner code (that happens in the child)."""
    names: list[str] = []
    for root, first, second in TRUSTED_USE.findall(source):
        base = "numpy" if root == "np" else root
        names += [f"{base}.{first}"] + ([f"{base}.{first}.{second}"] if second else [])
    for root, dotted, imported in TRUSTED_FROM.findall(source):
        module = root + "".join(dotted.split())
        names += [module] + [f"{module}.{n}" for n in re.findall(r"[A-Za-z_]\w*", imported) if n != "as"]
    return list(dict.fromkeys(names))[:PREIMPORT_MAX]


def _called(func: ast.AST) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _dotted(node: ast.AST) -> list[str] | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return [node.id, *reversed(parts)]


def _own_modules(folder: str) -> set[str]:
    """Names importable from the learner's folder (their helper modules shadow libraries)."""
    try:
        return {entry.split(".")[0] for entry in os.listdir(folder)}
    except OSError:
        return set()


def read_source(path: str, blocked: tuple[str, ...]) -> tuple[str | None, str | None]:
    """The learner's source, or why it is refused: only a readable regular file outside the grader.

    The server reads it with more privileges than the learner's process has, so it refuses what
    the learner could not read: the grader's and references' folders, /proc, /sys, /dev, and
    (when running as root) files not readable by every user.
    """
    real = os.path.realpath(path)
    if any(confine._within(real, os.path.realpath(b)) for b in (*blocked, "/proc", "/sys", "/dev")):
        return None, "cannot read the file: it is one of the grader's own files"
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        return None, f"cannot read the file: {exc.strerror}"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, "cannot read the file: it is not a regular file"
        if info.st_size > SOURCE_LIMIT:
            return None, f"the file is larger than {SOURCE_LIMIT >> 20} MiB"
        if os.geteuid() == 0 and not info.st_mode & stat.S_IROTH:
            return None, "cannot read the file: learner code runs as an unprivileged user, so the file must " \
                         "be readable by all users (chmod a+r)"
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(SOURCE_LIMIT + 1)
    finally:
        os.close(fd)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, f"cannot read the file: it is not UTF-8 text ({exc.reason} at byte {exc.start})"


# ---------------------------------------------------------------- the server


class Learner:
    """A learner's process: its pipes (results, raw output, commands), its folder, whom it may serve."""

    def __init__(self, pid: int, result_r: int, output_r: int, command_w: int, workdir: str,
                 key: tuple[str, tuple[str, ...]]) -> None:
        self.pid, self.result_r, self.output_r, self.command_w = pid, result_r, output_r, command_w
        self.workdir, self.key = workdir, key


class Server:
    """Reads requests, runs each exercise in a learner's process (forked, or the same learner's idle one),
    supervises it, relays its events."""

    def __init__(self, out_fd: int) -> None:
        self.out_fd = out_fd
        self.outbox: list[bytes] = []
        root = os.geteuid() == 0
        self.drop = root and os.environ.get("GRADE_SANDBOX_DROP", "1") != "0"
        self.id_base = confine.id_base() if self.drop else None
        self.tasks = TASKS if self.drop else None if root else confine.user_tasks(os.geteuid()) + TASKS
        self.serial = 0
        self.results_left = RESULT_LIMIT
        self.scipy_loaded = False
        self.plans: dict[tuple[tuple[str, ...], int], list[tuple[str, str, str]]] = {}
        self.libraries = library_roots()
        self.scratch = os.getcwd()  # the grader made it for this worker: learner processes work below it
        self.landlock = confine.landlock_abi() if os.environ.get("GRADE_SANDBOX_LANDLOCK", "1") != "0" else 0
        self.rulesets: dict[tuple[str, tuple[str, ...]], confine.Ruleset | None] = {}
        self.library_rules: dict[tuple[str, ...], list[tuple[str, int]]] = {}
        self.mounts = root and confine.can_mount()
        self.pid = os.getpid()
        self.reuse = os.environ.get("GRADE_SANDBOX_REUSE", "1") != "0"  # 0: a fresh process per exercise
        self.idle: Learner | None = None  # the last learner's process, waiting for their next exercise

    def features(self) -> dict[str, Any]:
        """Which defences hold here (they depend on root and on the kernel)."""
        ids = "own" if self.id_base is not None else "nobody" if self.drop else "same"
        return {"drop": self.drop, "ids": ids, "landlock": self.landlock, "tasks": self.tasks,
                "seccomp": os.uname().machine in confine.SECCOMP_ARCHES, "scratch": "tmpfs" if self.mounts else "folder"}

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
        self.emit({"ev": "hello", "pid": os.getpid(), **self.features()})
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
        if self.idle is not None:
            self.dismiss(self.idle)
        confine.kill_tree(os.getpid(), reap=True)

    def run(self, req: dict[str, Any], blobs: list[bytes]) -> None:
        source, problem = read_source(req["file"], tuple(req.get("blocked_dirs", ())))
        if source is None:
            self.emit({"ev": "import_error", "type": "OSError", "message": problem})
            return
        req["source"] = source
        if not self.scipy_loaded and "scipy" in source:
            self._preload_scipy()
        self.import_trusted(trusted_imports(source))
        budget = float(req["limits"]["exercise_seconds"])
        self.results_left = RESULT_LIMIT
        start_at, total = 0, len(req["cases"])
        while start_at < total and budget > 0:
            stopped_at, used = self.supervise(req, blobs, start_at, budget)
            budget -= used
            if stopped_at is None:
                return
            start_at = stopped_at + 1

    def ruleset(self, req: dict[str, Any]) -> confine.Ruleset | None:
        """The Landlock rules for this learner's folder, built once per folder."""
        if not self.landlock:
            return None
        blocked = tuple(req.get("blocked_dirs", ()))
        key = (os.path.dirname(req["file"]), blocked)
        if key not in self.rulesets:
            if blocked not in self.library_rules:
                self.library_rules[blocked] = confine.library_rules(self.libraries, blocked)
            self.rulesets[key] = confine.files_ruleset(self.library_rules[blocked], key[0], self.scratch, blocked)
        return self.rulesets[key]

    def import_trusted(self, names: list[str]) -> None:
        """Import numpy's and scipy's submodules the learner uses (np.random, np.fft ...) once, for every child
        (a learner process running as another user may not be able to read the installation)."""
        for name in names:
            if name not in sys.modules:
                try:
                    preimport([name])
                except BaseException:  # noqa: BLE001 - the learner's own import will say what is wrong
                    pass

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

    def next_uid(self) -> int | None:
        """The uid/gid of the next learner process (None: keep the server's)."""
        if not self.drop:
            return None
        self.serial += 1
        return confine.learner_id(self.id_base, os.getpid() * 7919 + self.serial)

    def supervise(self, req: dict[str, Any], blobs: list[bytes], start_at: int,
                  budget: float) -> tuple[int | None, float]:
        """Run the exercise from start_at in the learner's idle process if it can take it, else in a fresh
        one; the case it was stopped on (None when done) and its seconds used."""
        plan = self.plan(req)
        key = (os.path.dirname(req["file"]), tuple(req.get("blocked_dirs", ())))
        idle, self.idle = self.idle, None
        if idle is not None:
            if idle.key == key and start_at == 0 and self.wake(idle) \
                    and self.command(idle, {"op": "run", "req": req, "plan": plan}, blobs):
                outcome = self.watch(idle, req, start_at, budget, reused=True)
                if outcome is not None:
                    return outcome
            else:
                self.dismiss(idle)
        learner = self.spawn(req, blobs, start_at, plan, key)
        outcome = self.watch(learner, req, start_at, budget, reused=False)
        assert outcome is not None
        return outcome

    def spawn(self, req: dict[str, Any], blobs: list[bytes], start_at: int, plan: list[tuple[str, str, str]],
              key: tuple[str, tuple[str, ...]]) -> Learner:
        """Fork a learner's process for this exercise, from start_at."""
        import tempfile

        ruleset = self.ruleset(req)
        workdir = tempfile.mkdtemp(prefix="grade-run-", dir=self.scratch)
        uid = self.next_uid()
        if uid is not None:
            os.chown(workdir, uid, uid)
        result_r, result_w = os.pipe()
        output_r, output_w = os.pipe()
        command_r, command_w = os.pipe()
        gc.freeze()  # the child's collector leaves the server's objects alone: fewer copy-on-write faults
        pid = os.fork()
        if pid == 0:  # the learner's process
            for fd in (result_r, output_r, command_w):
                os.close(fd)
            self.child(req, blobs, start_at, plan, result_w, output_w, command_r, workdir, uid, ruleset)
        for fd in (result_w, output_w, command_r):
            os.close(fd)
        os.set_blocking(command_w, False)
        return Learner(pid, result_r, output_r, command_w, workdir, key)

    def watch(self, learner: Learner, req: dict[str, Any], start_at: int, budget: float,
              reused: bool) -> tuple[int | None, float] | None:
        """Supervise one run of a learner's process; None when a reused one could not take the exercise."""
        watch = Watch(self, learner.pid, req, start_at, budget, reused)
        try:
            stopped = watch.run(learner.result_r, learner.output_r)
            return None if watch.retired else (stopped, watch.used)
        finally:
            if watch.clean:
                self.idle = learner
            else:
                self.dismiss(learner, watch.reaped)
            self.flush()  # each child's events as it ends: the grader hears from a busy worker

    def wake(self, learner: Learner) -> bool:
        """Have an idle learner's process tidy up after its exercise (only now: a process not reused never
        does); whether it did, and is still quiet."""
        if not self.command(learner, {"op": "tidy"}):
            return False
        reader = wire.FrameReader(1 << 20)
        end = time.monotonic() + IDLE_SECONDS
        frames: list[tuple[dict[str, Any], list[bytes], bytes]] = []
        while not frames:
            left = end - time.monotonic()
            ready = select.select([learner.result_r, learner.output_r], [], [], left)[0] if left > 0 else []
            if learner.result_r not in ready or learner.output_r in ready:  # too slow, or output while tidying
                return False
            data = _read(learner.result_r)
            if not data:
                return False
            try:
                frames = reader.feed(data)
            except wire.WireError:
                return False
        return len(frames) == 1 and not reader.buffer and frames[0][0].get("ev") == "idle" \
            and self.quiet(learner.pid)

    def command(self, learner: Learner, header: dict[str, Any], blobs: list[bytes] | None = None) -> bool:
        """Write a command to an idle learner's process; False when it does not take it in time."""
        data = memoryview(wire.pack(header, blobs))
        end = time.monotonic() + IDLE_SECONDS
        while data:
            left = end - time.monotonic()
            if left <= 0 or not select.select([], [learner.command_w], [], left)[1]:
                return False
            try:
                data = data[os.write(learner.command_w, data):]
            except BlockingIOError:
                continue
            except OSError:
                return False
        return True

    def quiet(self, pid: int, threads: bool = True) -> bool:
        """Whether a learner's process that says it is idle is: one thread, no process of its own, none
        left behind (they would come up to this server, their subreaper)."""
        try:
            if threads:
                with open(f"/proc/{pid}/stat", "rb") as handle:
                    if int(handle.read().rsplit(b")", 1)[1].split()[17]) != 1:
                        return False
            with open(f"/proc/{pid}/task/{pid}/children", "rb") as handle:
                if handle.read().split():
                    return False
            with open(f"/proc/{self.pid}/task/{self.pid}/children", "rb") as handle:
                return handle.read().split() == [str(pid).encode()]
        except (OSError, ValueError, IndexError):
            return False

    def dismiss(self, learner: Learner, reaped: bool = False) -> None:
        """Kill a learner's process and everything it left; remove its folder."""
        import shutil

        _kill(learner.pid, reaped)
        for fd in (learner.result_r, learner.output_r, learner.command_w):
            os.close(fd)
        shutil.rmtree(learner.workdir, ignore_errors=True)

    def child(self, req: dict[str, Any], blobs: list[bytes], start_at: int, plan: list[tuple[str, str, str]],
              result_fd: int, output_fd: int, command_fd: int, workdir: str, uid: int | None,
              ruleset: confine.Ruleset | None) -> None:
        """The learner's process: set up (a failure here is the grader's), then run, then (when the exercise
        ended cleanly) tidy up and serve the learner's next exercises from the command pipe; never returns."""
        code = 0

        def send(header: dict[str, Any], out_blobs: list[bytes] | None = None) -> None:
            wire.write_frame(result_fd, header, out_blobs)

        try:
            try:
                loaded = set(sys.modules)
                if self.mounts:
                    confine.private_scratch(workdir, os.geteuid() if uid is None else uid, SCRATCH_BYTES,
                                            SCRATCH_FILES)
                if ruleset is not None:  # after mounting: Landlock forbids mounts
                    ruleset.restrict()  # its descriptor is closed by isolate, before any learner code
                isolate(result_fd, output_fd, command_fd)
                send({"ev": "stage"})  # from here, the time is the learner's: reading their imports, importing
                confine.limit_memory(confine.address_space() + int(req["limits"]["memory_mb"]) * (1 << 20))
                names = library_imports(req["source"], os.path.dirname(req["file"]))  # a hostile source
                confine.limit_memory(None)  # could eat memory; the libraries it names are another matter
                preimported = preimport([n for n in names if n not in sys.modules])
                confine_child(req, workdir, uid, self.tasks, self.pid, self.reuse)
                reuse = Reuse(workdir, uid, loaded, set(names)) if self.reuse else None
                capture, module = prepare_child(req, send, plan, preimported)
            except BaseException as exc:  # noqa: BLE001 - the grader's own failure, said as such
                code = 71
                send({"ev": "setup_failed", "message": f"{type(exc).__name__}: {exc}"[:2000]})
            else:
                if reuse is not None:
                    reuse.learner_file, reuse.module = req["file"], req["module"]
                finished = run_child(req, blobs, send, start_at, capture, module)
                commands = os.fdopen(command_fd, "rb", buffering=1 << 16)
                while finished and reuse is not None:
                    if not reuse.pause():
                        send({"ev": "leave"})
                        break
                    send({"ev": "idle"})  # the server checks now that nothing of the learner's runs
                    try:  # nothing more to do until the learner's next exercise comes, if it comes
                        frame = wire.read_frame(commands)
                        if frame is None or frame[0].get("op") != "tidy":
                            break
                    except BaseException:  # noqa: BLE001 - the server then forks a fresh process
                        break
                    if not reuse.idle():
                        send({"ev": "leave"})
                        break
                    send({"ev": "idle"})
                    try:
                        frame = wire.read_frame(commands)
                        if frame is None:
                            break  # the server stopped, or killed this process
                        header, blobs = frame
                        req, plan = header["req"], [tuple(place) for place in header["plan"]]
                    except BaseException:  # noqa: BLE001 - the server then forks a fresh process
                        break
                    send({"ev": "stage"})
                    taken = reuse.take(req, plan, send)
                    if taken is None:
                        send({"ev": "retire"})
                        break
                    finished = run_child(req, blobs, send, 0, *taken)
        except BaseException:  # noqa: BLE001 - report and leave, never return into the server
            code = 70
            try:
                os.write(2, traceback.format_exc().encode()[-4000:])
            except OSError:
                pass
        finally:
            os._exit(code)


class Watch:
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
        if reused:
            self.step = time.monotonic() + IDLE_SECONDS

    def run(self, result_r: int, output_r: int) -> int | None:
        """Watch until the child finishes, fails, or runs out of time; the case it was stopped on."""
        reader = wire.FrameReader(max(self.server.results_left, 0) + (1 << 20))  # room for control frames
        fds = [result_r, output_r]
        while not self.done:
            left = self.step - time.monotonic()
            if left <= 0:
                self.timed_out()
                break
            ready, _, _ = select.select(fds, [], [], left)
            for fd in ready:
                data = _read(fd)
                if not data:
                    fds.remove(fd)
                    if fd == result_r:
                        self.ended()
                elif fd == output_r:
                    self.keep_output(data)
                else:
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
                if self.done:
                    break
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
        elif phase == "import" and kind in ("ready", "import_error", "banned"):
            self.server.relay(raw)
            self.banned = self.banned or kind == "banned"
            if kind == "ready":
                self.server.flush()  # the grader learns that the import worked even if the worker is lost
                self.phase = "cases"
                self.next_case()
            elif kind == "import_error":
                self.finished()
        elif phase == "cases" and kind in ("done", "raised") and header.get("case") == self.current \
                and self.current < self.total:
            self.server.relay(raw)
            self.current += 1
            self.next_case()
        elif phase == "cases" and kind == "banned":
            self.server.relay(raw)
            self.banned = True
        elif phase == "cases" and kind == "finished" and self.current == self.total:
            self.finished()
        else:
            self.refuse(f"an unexpected {str(kind)[:40]!r} message")

    def finished(self) -> None:
        """The exercise ended as it should: wait for the process to tidy up if it may be reused."""
        if self.began is not None:
            self.used = time.monotonic() - self.began
        if self.server.reuse and not self.banned and self.server.quiet(self.pid, threads=False):
            self.phase = "finishing"
            self.step = time.monotonic() + IDLE_SECONDS
        else:
            self.done = True

    def next_case(self) -> None:
        self.step = min(self.deadline, time.monotonic() + self.case_seconds)

    def where(self) -> dict[str, Any]:
        """The case (or the import) the child is in, for the server's own events."""
        if self.phase == "cases":
            self.stopped = self.current if self.current < self.total else None
            return {"case": self.current, "phase": "case"}
        return {"case": None, "phase": "import"}

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
        else:
            self.server.emit({"ev": "crashed", **self.where(), **status})

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
        _kill(self.pid, self.reaped)
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
            data = _read(fd) if ready else b""
            if not data:
                return True
            self.keep_output(data)
        return False


def _kill(pid: int, reaped: bool) -> None:
    """Kill a learner's process, its process group and everything it left behind (reparented to the server)."""
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
    if not confine.reap_children():
        confine.kill_tree(os.getpid(), reap=True)


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 1 << 16)
    except OSError:
        return b""


def _orphaned(signum: int, frame: Any) -> None:
    """The grader died (or someone asked the worker to stop): kill every learner process, then leave."""
    confine.kill_tree(os.getpid(), reap=True)
    os._exit(1)


def main() -> None:
    confine.prctl(confine.PR_SET_CHILD_SUBREAPER, 1)
    signal.signal(signal.SIGTERM, _orphaned)
    confine.prctl(confine.PR_SET_PDEATHSIG, signal.SIGTERM)  # so that learner processes die with the grader
    if os.getppid() == 1:
        _orphaned(signal.SIGTERM, None)
    confine.prctl(confine.PR_SET_DUMPABLE, 0)  # learner code of the same uid cannot read its memory or fds
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    out_fd = os.dup(1)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)  # nothing printed by accident can corrupt the event stream
    Server(out_fd).serve()


if __name__ == "__main__":
    main()
