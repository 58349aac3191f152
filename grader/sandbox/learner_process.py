"""Inside the learner's process: output capture, import blocker, tripwires on banned calls, running the
learner's file and its cases, and turning what it returns or raises into plain values for the wire.

Platform-neutral: the standard library and numpy only, no Linux call."""

from __future__ import annotations

import io
import linecache
import numbers
import os
import sys
import time
import traceback
import types
from typing import Any, Callable

import numpy as np

from . import callables, scan, wire
from .bindings import plan_patches
from .limits import BLOCKED_PACKAGES, LIBRARY_DIRS, SANDBOX_PACKAGE
from .source_analysis import decode_source


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


def is_library(filename: str) -> bool:
    if not filename or filename.startswith("<frozen"):
        return True
    return os.path.realpath(filename).startswith(LIBRARY_DIRS)


class Tripwires:
    """Replace banned functions with wrappers that report the call, then refuse it.

    Installed once in a learner's process and never taken back: the process serves only exercises that ban
    exactly the same (the server's rule), so a wrapper holds no original to fall back on and no switch. The
    originals stay alive (so that no other object takes their ids) in a closure's list (see `_keeper`), bound
    nowhere a learner names; nor can a learner name this module (see `hide_the_grader`).
    Once `armed` (the learner's code is about to run), the audit hook also refuses what reaches objects by
    memory or by identity, and what starts a fresh interpreter (see REFUSED_EVENTS)."""

    def __init__(self, banned: list[str], send: Callable[..., None], learner_file: str,
                 blocked_dirs: tuple[str, ...] = ()) -> None:
        self.blocked_dirs = tuple(os.path.realpath(d) + os.sep for d in blocked_dirs)
        self.blocked_dirs_given = tuple(blocked_dirs)
        self.bound: list[tuple[Any, str, Any]] = []  # (module, attribute, wrapper): every place a wrapper holds
        self.banned = scan.runtime_bans(banned)
        self.all_banned = list(banned)
        self.key = (tuple(sorted(banned)), tuple(sorted(blocked_dirs)))
        self.send = send
        self.learner_file = learner_file
        self.patched: dict[int, Any] = {}
        self.reported: set[tuple[str, str, int]] = set()
        self.scanning = False
        self.armed = False

    def install(self, plan: list[tuple[str, str, str]] | None = None) -> "Tripwires":
        """Put the wrappers in place, or, in a process that already has them (it serves the same learner's
        next exercise, which bans the same), take the next exercise's file and output; the tripwires in use."""
        global _TRIPWIRES
        current = _TRIPWIRES
        if current is not None:
            if current.key != self.key:
                raise RuntimeError("a learner's process serves only exercises that ban the same calls")
            current.send, current.learner_file, current.reported, current.armed = \
                self.send, self.learner_file, set(), False
            if current.banned and not any(isinstance(f, _PatchAfterImport) for f in sys.meta_path):
                sys.meta_path.insert(0, _PatchAfterImport(current))  # the tidy-up put sys.meta_path back
            return current
        if hasattr(sys, "addaudithook"):
            sys.addaudithook(_audit)  # once per process (hooks cannot be removed)
        _TRIPWIRES = self
        if not self.banned:
            return self
        self.scanned = set(sys.modules)
        self.apply(plan if plan is not None else plan_patches(self.banned))
        sys.meta_path.insert(0, _PatchAfterImport(self))
        return self

    def arm(self) -> None:
        """The learner's code runs from now on (see REFUSED_EVENTS)."""
        self.armed = True

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
            _keep(value)
            self.bound.append((module, attr, wrapper))

    def intact(self) -> bool:
        """Whether every wrapper is still where it was put, and the lists it enforces are as they were: checked
        before this process takes the learner's next exercise (one that changed them leaves instead)."""
        return (all(getattr(module, attr, None) is wrapper for module, attr, wrapper in self.bound)
                and self.key == (tuple(sorted(self.all_banned)), tuple(sorted(self.blocked_dirs_given)))
                and self.blocked_dirs == tuple(os.path.realpath(d) + os.sep for d in self.blocked_dirs_given)
                and self.banned == scan.runtime_bans(self.all_banned))

    def patch_loaded(self) -> None:
        """Patch the modules imported since the last look (a banned package loaded on demand)."""
        fresh = [name for name in list(sys.modules) if name not in self.scanned]
        self.scanned.update(fresh)
        self.apply(plan_patches(self.banned, fresh))

    def _wrap(self, func: Any, entry: str) -> Any:
        report = self.record
        if any(ch in entry for ch in "*?["):  # a pattern (scipy.linalg.eig*): say the function it caught
            module, name = getattr(func, "__module__", None), getattr(func, "__name__", None)
            if isinstance(module, str) and isinstance(name, str) and scan.matches(f"{module}.{name}", entry):
                entry = scan.canonical(f"{module}.{name}")

        def banned_call(*args: Any, **kwargs: Any) -> Any:
            report(entry)
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
            if name == self.learner_file or (fallback[0] is None and not is_library(name)):
                via = None
                if callee is not None and callee is not wrapper and is_library(callee.f_code.co_filename):
                    module = str(callee.f_globals.get("__name__", ""))
                    via = scan.canonical(f"{module}.{callee.f_code.co_name}") if module else callee.f_code.co_name
                if name == self.learner_file:
                    return name, frame.f_lineno, via
                fallback = (name, frame.f_lineno, via)
            frame, callee = frame.f_back, frame
        return fallback

    def _learner_below(self, frame: Any) -> bool:
        """Whether the learner's file (or other non-library code) is among the callers of frame."""
        frame = frame.f_back
        while frame is not None:
            name = frame.f_code.co_filename
            if name == self.learner_file or not is_library(name):
                return True
            frame = frame.f_back
        return False

    def audit(self, event: str, args: tuple[Any, ...]) -> None:
        """Refuse the grader's files; scan source compiled at run time and non-library imports; where calls
        are banned, refuse (once armed) what reaches objects by memory or identity or starts a fresh
        interpreter (REFUSED_EVENTS)."""
        if self.armed and self.all_banned and (event in REFUSED_EVENTS or event.startswith("ctypes.")):
            raise PermissionError(f"{REFUSED_EVENTS.get(event, 'ctypes (calling C code directly)')} is not "
                                  "allowed in an exercise that bans calls")
        if event == "open" and self.blocked_dirs and args and type(args[0]) in (str, bytes):
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
            if caller is not None and is_library(caller.f_code.co_filename) \
                    and caller.f_code.co_filename != self.learner_file and not self._learner_below(caller):
                return  # a library's own compile, not on the learner's behalf (timeit.Timer("A @ B") is)
            if self.scanning:
                return  # the scan's own compile
            source = args[0].decode("utf-8", "replace") if isinstance(args[0], bytes) else args[0]
            # reflection too where the standard library evaluates a string of the learner's (typing, a string
            # annotation "sys.modules[...]"); not in the code a library writes itself (dataclasses, namedtuple,
            # scipy.stats's argument parsers), nor in a library's own file imported from source
            reflection = caller is None or caller.f_code.co_filename.endswith(EVALUATORS) \
                or not is_library(caller.f_code.co_filename)
            self.scanning = True
            try:
                findings = scan.scan_source(source, str(args[1]), self.all_banned, reflection=reflection)
            finally:
                self.scanning = False
            for f in findings:
                file, line, _via = self._blame()
                self.record(f.name, file or str(args[1]), line or f.line)
        elif event == "exec" and args and isinstance(args[0], types.CodeType):
            filename = args[0].co_filename
            if filename != self.learner_file and not is_library(filename) and os.path.isfile(filename):
                try:
                    with open(filename, "rb") as handle:
                        source = decode_source(handle.read())
                except OSError:
                    return
                for f in scan.scan_source(source, filename, self.all_banned):
                    self.record(f.name, filename, f.line)


_TRIPWIRES: Tripwires | None = None  # the learner's process's (one set: it serves exercises banning the same)


def _keeper() -> Callable[[Any], None]:
    """A function that keeps what it is given alive, in a list only its closure holds: the originals the
    wrappers replaced, reachable by no module's name (unlike a module-level list, which a name resolver
    such as pkgutil.resolve_name finds from a dotted string)."""
    kept: list[Any] = []

    def keep(value: Any) -> None:
        kept.append(value)

    return keep


_keep = _keeper()
REFUSED_EVENTS = {  # audit events refused once the learner's code runs, where calls are banned
    "pickle.find_class": "unpickling (loading objects by name)",
    "code.__new__": "building code objects", "function.__new__": "building functions from code objects",
    "gc.get_objects": "gc.get_objects (finding objects by identity)",
    "gc.get_referrers": "gc.get_referrers (finding objects by identity)",
    "gc.get_referents": "gc.get_referents (finding objects by identity)",
    "sys._current_frames": "sys._current_frames (reading other threads' frames)",
    "os.exec": "os.exec* (starting a fresh interpreter)", "os.posix_spawn": "os.posix_spawn (a fresh program)",
    "os.spawn": "os.spawn* (a fresh program)", "os.system": "os.system (a fresh program)",
    "subprocess.Popen": "subprocess (a fresh program)",
}


EVALUATORS = tuple(os.sep + name for name in ("typing.py", "annotationlib.py", "rlcompleter.py", "inspect.py", "site.py"))


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
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if not is_library(f.filename)]
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
             for c in type(exc).__mro__][:20]  # the type and its ancestors, so the grader matches a subclass
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
    if hasattr(value, "__array__") or hasattr(value, "__array_interface__") or isinstance(value, memoryview) \
            or type(value).__module__ == "array" and type(value).__name__ == "array":  # array.array('d', ...)
        arr = np.asarray(value)
        if arr.dtype.kind in wire.NUMERIC_KINDS:
            return np.array(arr, copy=True, subok=False)
    if isinstance(value, numbers.Number):  # Fraction, Decimal: Python numbers (CURRICULUM), compared as floats
        try:
            return complex(value) if isinstance(value, numbers.Complex) and not isinstance(value, numbers.Real) \
                else float(value)
        except (TypeError, ValueError, ArithmeticError) as exc:
            raise wire.Unrepresentable(f"a number of type {type(value).__name__} that is no float") from exc
    kind = type(value)
    own = kind.__module__ in ("builtins", "submission", "__main__")  # the learner's file is imported as `submission`
    name = kind.__name__ if own else f"{kind.__module__}.{kind.__qualname__}"
    raise wire.Unrepresentable(f"a value of type {name}")


def _any_complex(arr: np.ndarray) -> bool:
    return any(isinstance(v, complex) for v in arr.ravel().tolist())


def prepare_child(req: dict[str, Any], send: Callable[..., None], plan: list[tuple[str, str, str]] | None,
                  preimported: list[str]) -> tuple[Capture, types.ModuleType]:
    """The grader's last steps before the learner's code: capture, import blocker, tripwires."""
    learner_file = req["file"]
    capture = Capture(int(req["limits"]["output_kb"]) * 1024)
    sys.stdout = sys.stderr = capture
    sys.meta_path.insert(0, _BlockGraderImports())
    tripwires = Tripwires(list(req["banned"]), send, learner_file, tuple(req.get("blocked_dirs", ()))).install(plan)
    if tripwires.banned and preimported:  # modules imported in this child only: not in the server's plan
        tripwires.apply(plan_patches(tripwires.banned, preimported))
    hide_the_grader()
    sys.path.insert(0, os.path.dirname(learner_file))
    source = req["source"]
    linecache.cache[learner_file] = (len(source), None, source.splitlines(True), learner_file)
    module = types.ModuleType(req["module"])
    module.__file__ = learner_file
    sys.modules[req["module"]] = module
    return capture, module


def hide_the_grader() -> None:
    """Take the sandbox's own modules (and the worker's script, `__main__`) out of sys.modules, so that no
    name reaches them: not an import (the blocker refuses the package), nor any of the standard library's
    resolvers of dotted names (pkgutil.resolve_name, pydoc.locate, unpickling, logging.config, a format
    field's `modules[...]`), which all look in sys.modules. The grader's functions keep their modules
    through their own globals; nothing in the learner's process imports one of them again. Only where this
    module runs as the worker's private package (a test importing it in its own interpreter keeps its
    modules)."""
    if not __name__.startswith(SANDBOX_PACKAGE + "."):
        return
    for name in [n for n in sys.modules if n == SANDBOX_PACKAGE or n.startswith(SANDBOX_PACKAGE + ".")]:
        del sys.modules[name]
    if getattr(sys.modules.get("__main__"), "__file__", None) is not None:  # worker.py, portable_child.py
        sys.modules["__main__"] = types.ModuleType("__main__")


def intact() -> bool:
    """Whether the tripwires of this process are still in place: a process whose learner's code undid them
    (which no route the grader knows of allows) is not reused."""
    return _TRIPWIRES is not None and _TRIPWIRES.intact()


def run_child(req: dict[str, Any], blobs: list[bytes], send: Callable[..., None], start_at: int,
              capture: Capture, module: types.ModuleType) -> bool:
    """Body of the learner's process: import their file and run the cases from start_at; True when it ended
    as it should (every case ran, or the import failed): the process may then serve the learner's next
    exercise."""
    learner_file = req["file"]
    send({"ev": "armed"})
    if _TRIPWIRES is not None:
        _TRIPWIRES.arm()
    if banned_in_source(req, send, capture):
        return True
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


def banned_in_source(req: dict[str, Any], send: Callable[..., None], capture: Capture) -> bool:
    """Read the learner's file for banned names (here, under the learner's limits and time: a hostile source
    costs the learner, never the grader); True when it uses one, reported as `banned` events."""
    if not req["banned"]:
        return False
    findings = scan.scan_source(req["source"], req["file"], list(req["banned"]))
    for f in findings[:100]:
        send({"ev": "banned", "name": f.name, "file": f.file, "line": f.line, "via": None})
    if findings:
        send({"ev": "import_error", "type": "BannedCall", "output": capture.take(),
              "message": f"{findings[0].name} is banned in this exercise"})
    return bool(findings)


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
