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
folder, so the same Landlock rules, ids and blocked folders: the whole submission in `grade batch`
and `grade all --submission`, else the file's folder; and the same banned calls), it tidies up (tripwires, modules,
paths, folder), the server checks again that it is idle (one thread, no process left) and it runs
that exercise, without a fork and set-up (`grade all`, `grade batch`). Any other request, or
anything the child cannot take (a library it would have to import after dropping its ids, no room
left under its hard limits), and it is killed and a fresh child forked: the grader never sees the
difference.

Protocol: frames of grader.sandbox.wire on stdin (requests) and stdout (events). Events
of one request: `armed` (the learner's code is about to run: from here on, a failure is
the learner's), the child's `ready`/`import_error`/`done`/`raised`/`banned` frames as sent,
and the server's own `setup_failed`/`timeout`/`crashed`/`protocol`/`output`, then `end`.

The worker's own modules, by job: `learner_process` (inside the learner's process: capture, import
blocker, tripwires, running the file and its cases; platform-neutral), `child_setup` (setting up and
confining that process, and reusing it; Linux), `source_analysis` (the grader's reading of the
learner's source), `server` (the fork server and its watch over each learner's process), `limits`,
and the shared `wire`, `callables`, `scan`, `confine` (kernel confinement) and `process_tree` (killing
and reaping what learner processes leave).

Started with `python -I`, which puts no folder of this file on sys.path, the worker loads them as the
submodules of a private package, `_grade_sandbox`, whose only path is this folder: nothing is put on
sys.path (a learner's own `server.py` or `scan.py` stays theirs), and the grader's package is never
imported.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import signal
import sys
import types
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = "_grade_sandbox"


def load_package() -> types.ModuleType:
    """Register this folder as the private package `_grade_sandbox` (without running grader code) and import
    the server from it."""
    for extra in sys.argv[1:]:  # where the grader found numpy, in case -I hid it
        if extra and extra not in sys.path:
            sys.path.append(extra)
    if PACKAGE not in sys.modules:
        package = types.ModuleType(PACKAGE, "The sandbox worker's modules (grader/sandbox), loaded by worker.py.")
        spec = importlib.machinery.ModuleSpec(PACKAGE, None, is_package=True)
        spec.submodule_search_locations = [HERE]
        package.__spec__, package.__path__, package.__package__ = spec, [HERE], PACKAGE
        sys.modules[PACKAGE] = package
    return importlib.import_module(f"{PACKAGE}.server")


def main() -> None:
    """Become the learners' subreaper, die with the grader, and serve requests on stdin."""
    server = load_package()
    confine, tree = server.confine, server.process_tree
    scratch = os.getcwd()  # made by the grader for this worker, learner processes' folders below it

    def orphaned(signum: int, frame: Any) -> None:
        """The grader died (or someone asked the worker to stop): kill every learner process, remove the
        scratch folder the grader made for this worker (a dead grader cannot), then leave."""
        tree.kill_tree(os.getpid(), reap=True)
        if os.path.basename(scratch).startswith("grade-worker-"):  # only the folder launch._launch made
            import shutil

            shutil.rmtree(scratch, ignore_errors=True)
        os._exit(1)

    confine.prctl(confine.PR_SET_CHILD_SUBREAPER, 1)
    signal.signal(signal.SIGTERM, orphaned)
    confine.prctl(confine.PR_SET_PDEATHSIG, signal.SIGTERM)  # so that learner processes die with the grader
    if os.getppid() == 1:
        orphaned(signal.SIGTERM, None)
    confine.prctl(confine.PR_SET_DUMPABLE, 0)  # learner code of the same uid cannot read its memory or fds
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    out_fd = os.dup(1)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)  # nothing printed by accident can corrupt the event stream
    server.Server(out_fd).serve()


if __name__ == "__main__":
    main()
