"""Expected answers computed in a forked copy of the grader, in course order, while the grader runs the
learner's code and judges (`grade all`: on two cores the references' imports and calls, scipy's above
all, no longer wait on the grader's own work, nor it on them).

Linux only (a fork of a process that has loaded numpy's BLAS is not supported on macOS; Windows has no
fork); elsewhere, and for one or two exercises, the grader computes them itself, as before. The child holds
no learner code and no secret beyond what the grader holds; it sends each exercise's (cases, expected)
pickled on a pipe, or the problems that make its definition invalid, and exits when done."""

from __future__ import annotations

import os
import pickle
import sys
from typing import Any, Callable

from grader.errors import DefinitionError, GradeError

MIN_JOBS = 4  # fewer: forking costs more than it saves


def usable(jobs: int) -> bool:
    """Whether to compute the expected answers in a forked copy: Linux, more than one core, several jobs."""
    return jobs >= MIN_JOBS and sys.platform.startswith("linux") and hasattr(os, "fork") \
        and (os.cpu_count() or 1) > 1


class ExpectedFeed:
    """prepare(job) for each job, computed in a child process; `next()` gives them in order."""

    def __init__(self, prepare: Callable[[Any], Any], jobs: list[Any]) -> None:
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no fork after all (a platform that only pretends to have it): the caller computes
            os.close(read)
            os.close(write)
            raise
        if pid == 0:  # the child: compute, send, leave (never return into the grader)
            code = 0
            try:
                os.close(read)
                with os.fdopen(write, "wb", buffering=1 << 16) as out:
                    for job in jobs:
                        try:
                            item: tuple[str, Any] = ("ok", prepare(job))
                        except DefinitionError as exc:
                            item = ("definition", exc.problems)
                        except BaseException as exc:  # noqa: BLE001 - said to the grader, which raises it
                            item = ("failed", f"{type(exc).__name__}: {exc}")
                        pickle.dump(item, out, protocol=pickle.HIGHEST_PROTOCOL)
                        out.flush()
            except BaseException:  # noqa: BLE001 - the grader sees the pipe close early
                code = 1
            finally:
                os._exit(code)
        os.close(write)
        self.pid = pid
        self.reader = os.fdopen(read, "rb", buffering=1 << 16)

    def next(self) -> Any:
        """The next job's prepared cases and expected answers (DefinitionError as prepare raises it)."""
        try:
            kind, payload = pickle.load(self.reader)
        except (EOFError, pickle.UnpicklingError, OSError) as exc:
            raise GradeError(f"the process computing expected answers stopped ({type(exc).__name__})") from None
        if kind == "definition":
            raise DefinitionError(payload)
        if kind == "failed":
            raise GradeError(f"computing expected answers failed: {payload}")
        return payload

    def close(self) -> None:
        self.reader.close()
        try:
            os.kill(self.pid, 9)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
