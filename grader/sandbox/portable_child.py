"""The learner's process of the portable runner: a fresh interpreter (`python -I -B portable_child.py`),
started before it is needed, that runs one learner's exercises, one request at a time.

It loads the platform-neutral modules of this folder (learner_process, wire, callables, scan, limits) as
the private package `_grade_sandbox`, as worker.py does, and never a Linux-only one. Requests come as wire
frames on stdin, events go as wire frames on the descriptor that was stdout; the learner's own output
(sys.stdout, sys.stderr, and raw writes to descriptors 1 and 2) goes to stderr, which the grader reads and
bounds. Its memory is limited by RLIMIT_AS where `resource` exists; the grader enforces the time limits,
watches the resident size, and kills the process tree.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import sys
import types
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = "_grade_sandbox"
CPU_BACKSTOP = 5.0  # seconds of CPU past an exercise's budget before RLIMIT_CPU stops an orphaned process


def load_package() -> types.ModuleType:
    """Register this folder as the package `_grade_sandbox` and import the learner's-process module from it."""
    for extra in sys.argv[1:2]:  # where the grader found numpy, in case -I hid it (then the runner's tag)
        if extra and extra not in sys.path:
            sys.path.append(extra)
    if PACKAGE not in sys.modules:
        package = types.ModuleType(PACKAGE, "The portable runner's learner-side modules (grader/sandbox).")
        spec = importlib.machinery.ModuleSpec(PACKAGE, None, is_package=True)
        spec.submodule_search_locations = [HERE]
        package.__spec__, package.__path__, package.__package__ = spec, [HERE], PACKAGE
        sys.modules[PACKAGE] = package
    return importlib.import_module(f"{PACKAGE}.learner_process")


def limit_memory(extra_bytes: int) -> bool:
    """RLIMIT_AS at the current size plus extra_bytes, where the OS has it; whether it was set."""
    try:
        import resource
    except ImportError:
        return False
    size = 0
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return False  # macOS does not enforce RLIMIT_AS anyway: the grader watches the resident size
    try:
        resource.setrlimit(resource.RLIMIT_AS, (size + extra_bytes, size + extra_bytes))
    except (ValueError, OSError):
        return False
    return True


def die_with_the_grader() -> None:
    """Where Linux lets a process ask for it, be killed when the grader (the parent) dies: a grader killed
    with SIGKILL cannot kill its learner's process itself (on Windows the Job Object does it)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError, ValueError):
        return
    if os.getppid() == 1:  # the grader died before this line
        os._exit(1)


def limit_cpu(seconds: float) -> None:
    """A backstop for a grader that died without killing this process (macOS has no death signal): the
    soft RLIMIT_CPU at the CPU time used so far plus this exercise's budget (the grader's own timer stops
    the exercise long before)."""
    try:
        import resource
    except ImportError:
        return
    try:
        times = os.times()
        soft = int(times.user + times.system + seconds) + 1
        _old_soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    except (ValueError, OSError, AttributeError):
        pass


def tidy(learner: Any, module_name: str, folder: str) -> None:
    """Undo one exercise's set-up so that the same learner's next exercise starts as in a fresh process (its
    tripwires stay: the next exercise bans the same, or runs in a fresh process)."""
    sys.modules.pop(module_name, None)
    while folder in sys.path:
        sys.path.remove(folder)
    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "_BlockGraderImports"]


def main() -> None:
    """Serve the requests of one learner until stdin closes."""
    die_with_the_grader()
    learner = load_package()
    wire = sys.modules[f"{PACKAGE}.wire"]
    result_fd = os.dup(1)
    os.dup2(2, 1)  # the learner's raw output goes where the grader reads output, never into the events
    requests = os.fdopen(os.dup(0), "rb", buffering=1 << 16)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    memory_set = False

    def send(header: dict[str, Any], blobs: list[bytes] | None = None) -> None:
        wire.write_frame(result_fd, header, blobs)

    stdout, stderr = sys.stdout, sys.stderr
    while True:
        frame = wire.read_frame(requests)
        if frame is None:
            break
        header, blobs = frame
        req = header["req"]
        limit_cpu(float(req["limits"]["exercise_seconds"]) + CPU_BACKSTOP)
        if not memory_set:
            memory_set = True
            limited = header.get("rlimit_as") is True and limit_memory(int(req["limits"]["memory_mb"]) << 20)
            send({"ev": "stage", "rlimit": limited})
        else:
            send({"ev": "stage"})
        capture, module = learner.prepare_child(req, send, None, [])
        finished = learner.run_child(req, blobs, send, int(header.get("start_at", 0)), capture, module)
        sys.stdout, sys.stderr = stdout, stderr
        if not finished or not learner.intact():
            break  # the client starts a fresh process for the learner's next exercise
        tidy(learner, req["module"], os.path.dirname(req["file"]))
        send({"ev": "idle"})


if __name__ == "__main__":
    main()
