"""Setting up the learner's process (Linux): its descriptors, preimports, ids, limits and confinement,
and keeping a process that ended cleanly to serve the same learner's next exercise (Reuse)."""

from __future__ import annotations

import linecache
import os
import signal
import sys
import types
from typing import Any, Callable

import numpy as np

from . import confine
from .learner_process import Capture, intact, is_library, prepare_child
from .limits import CPU_SLACK, FILE_LIMIT, MEMORY_SLACK, OPEN_FILES
from .source_analysis import library_imports


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

    if all(name in sys.modules or star_done(name) for name in names):
        return []  # the usual case: nothing to import (and no walk over sys.modules)
    before = set(sys.modules)
    for name in names:
        if name.endswith(".*"):  # `from numpy import *`: what the star takes, lazily loaded submodules included
            try:
                module = importlib.import_module(name[:-2])
                for attr in list(getattr(module, "__all__", ())):
                    getattr(module, str(attr), None)
            except BaseException:  # noqa: BLE001 - the learner's own import will say what is wrong
                pass
        elif name not in sys.modules:
            try:
                importlib.import_module(name)
            except BaseException:  # noqa: BLE001 - the learner's own import will say what is wrong
                pass
    return [name for name in sys.modules if name not in before]


def star_done(name: str) -> bool:
    """For `X.*` (a star import of X): X is imported and holds every name of its __all__ already."""
    if not name.endswith(".*") or name[:-2] not in sys.modules:
        return False
    module = sys.modules[name[:-2]]
    try:
        return all(str(attr) in vars(module) for attr in getattr(module, "__all__", ()))
    except Exception:  # noqa: BLE001 - an odd __all__: import it again
        return False


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
            if name == self.module or (isinstance(file, str) and not is_library(file)):
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
            if name in sys.modules or name in self.tried or star_done(name):
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
            if not intact():
                return None  # the learner's code changed the tripwires: no exercise of theirs runs here again
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
