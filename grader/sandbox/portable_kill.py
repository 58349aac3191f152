"""Killing a process and everything below it, and reading its resident size, on any OS (psutil)."""

from __future__ import annotations

import os
import signal
import subprocess


def kill_tree(pid: int, seconds: float = 5.0) -> bool:
    """Kill pid and all its descendants (found before the kill, so orphans are not missed); True when
    none is left."""
    try:
        import psutil
    except ImportError:  # without psutil: the process, and its group where there are groups
        if hasattr(os, "killpg"):
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            os.kill(pid, signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
        except OSError:
            pass
        return True
    try:
        root = psutil.Process(pid)
        procs = [*root.children(recursive=True), root]
    except psutil.Error:
        return True
    for proc in procs:
        try:
            proc.kill()
        except psutil.Error:
            pass
    _gone, alive = psutil.wait_procs(procs, timeout=seconds)
    return not alive


def tree_rss(pid: int) -> int:
    """Resident bytes of pid and its descendants (0 when unknown)."""
    try:
        import psutil
    except ImportError:
        return 0
    total = 0
    try:
        root = psutil.Process(pid)
        for proc in (root, *root.children(recursive=True)):
            try:
                total += proc.memory_info().rss
            except psutil.Error:
                pass
    except psutil.Error:
        return 0
    return total


def tree_pids(pid: int) -> list[int]:
    """pid's descendants now (empty when unknown)."""
    try:
        import psutil

        return [p.pid for p in psutil.Process(pid).children(recursive=True)]
    except Exception:  # noqa: BLE001 - psutil missing, or the process gone
        return []


TAG_VARIABLE = "GRADE_LEARNER_TAG"


def sweep(tag: str, seconds: float = 5.0) -> int:
    """Kill every process that carries a runner's tag, in its command line (a fork keeps it) or in its
    environment (a program it starts keeps it): what left the learner's tree (a double fork, a new session)
    and so was not killed with it. The number killed (0 without psutil)."""
    try:
        import psutil
    except ImportError:
        return 0
    found = []
    for proc in psutil.process_iter(["pid", "cmdline"]):
        if proc.pid == os.getpid():
            continue
        try:
            cmdline = proc.info.get("cmdline") or []
            if tag in cmdline or proc.environ().get(TAG_VARIABLE) == tag:
                found.append(proc)
        except (psutil.Error, OSError):
            continue
    for proc in found:
        try:
            proc.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(found, timeout=seconds)
    return len(found)


def new_group_flags() -> dict[str, object]:
    """Popen arguments that put a child in a group of its own (a session on POSIX)."""
    if os.name == "nt":
        return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
    return {"start_new_session": True}
