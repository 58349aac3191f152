"""Which runner grades here, chosen in this one place: the Linux runner (fork server, Landlock, seccomp,
uid switch, mount namespace) where it can run, the portable runner (a fresh interpreter per learner,
limits enforced by the grader) everywhere else. `GRADE_SANDBOX=portable` forces the portable one.

Standard library only, and no Linux-only module is imported unless the Linux runner is chosen."""

from __future__ import annotations

import os
import sys
from typing import Any

ENV = "GRADE_SANDBOX"
LINUX_MODULES = ("resource", "fcntl", "termios")


def why_portable() -> str | None:
    """Why the portable runner is used here (None: the Linux runner can run)."""
    choice = os.environ.get(ENV, "").strip().lower()
    if choice == "portable":
        return f"{ENV}=portable"
    if not sys.platform.startswith("linux"):
        return f"the Linux runner needs Linux (this is {sys.platform})"
    for name in LINUX_MODULES:
        if name in sys.modules and sys.modules[name] is None:
            return f"the module {name} is not available"
        try:
            __import__(name)
        except ImportError:
            return f"the module {name} is not available"
    if _fork_disabled():
        return "this platform cannot fork"
    return None


def _fork_disabled() -> bool:
    """Whether os.fork is a stand-in that raises (as on platforms without it, or simulated so)."""
    fork = getattr(os, "fork", None)
    return fork is None or getattr(fork, "__module__", "posix") not in ("posix", "os", "nt")


def portable() -> bool:
    """Whether the portable runner grades here."""
    return why_portable() is not None


def name() -> str:
    """The runner in use, as `grade doctor` names it."""
    return "portable" if portable() else "linux"


def open_sandbox() -> Any:
    """A started runner of the kind chosen here (a context manager with submit, collect, run, hello, close)."""
    if portable():
        from grader.sandbox.portable import PortableSandbox

        return PortableSandbox()
    from grader.sandbox.client import LinuxSandbox

    return LinuxSandbox()


def keep_private() -> bool:
    """Make this process non-dumpable where the OS has that (Linux): its memory and environment unreadable
    to same-user processes; False where it does not."""
    if portable():
        return False
    from grader.sandbox import confine

    return confine.prctl(confine.PR_SET_DUMPABLE, 0)


def kill_tree(pid: int) -> None:
    """Kill a process and everything below it, on any OS."""
    if not portable():
        from grader.sandbox import process_tree

        process_tree.kill_tree(pid, include_root=True)
        return
    from grader.sandbox.portable_kill import kill_tree as portable_kill

    portable_kill(pid)
