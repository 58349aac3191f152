"""Process trees of learner processes: every process below a root (the worker is a child subreaper, so
everything a learner starts stays below it), killed until nothing is left, and reaped.

Standalone (standard library only), like confine: the worker imports it from its private package, the
grader as part of its package. Reads /proc; where a kernel lists no children files it falls back to the
process table.
"""

from __future__ import annotations

import os
import signal
import time


def _table() -> dict[int, tuple[int, bytes]]:
    """pid -> (parent pid, state letter) of every process (threads are not listed in /proc); a zombie leader
    with live threads is b"z", not b"Z"."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            state = fields[0]
            if state == b"Z" and _threads_left(entry):
                state = b"z"  # a zombie leader whose threads run on (it ended with pthread_exit): alive
            table[int(entry)] = (int(fields[1]), state)
        except (OSError, IndexError, ValueError):
            continue
    return table


def _children(pid: int) -> list[int]:
    """The children of a process, from /proc (all its threads' children)."""
    found: list[int] = []
    read = False
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        tasks = []
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", "rb") as handle:
                found.extend(int(child) for child in handle.read().split())
            read = True
        except (OSError, ValueError):
            continue
    if not read:  # no /proc/PID/task/*/children (a kernel without it): from the process table
        found = [child for child, (ppid, _state) in _table().items() if ppid == pid]
    return found


def _threads_left(pid: str) -> bool:
    """True when the thread group pid still has a thread other than its (exited) leader."""
    try:
        return any(task != pid for task in os.listdir(f"/proc/{pid}/task"))
    except OSError:
        return False


def descendants(root: int, table: dict[int, tuple[int, bytes]] | None = None, spare: int | None = None) -> list[int]:
    """Every process below root that has not exited yet, parents before children (spare and all below it
    left out)."""
    table = _table() if table is None else table
    children: dict[int, list[int]] = {}
    for pid, (ppid, _state) in table.items():
        children.setdefault(ppid, []).append(pid)
    found, queue = [], [pid for pid in children.get(root, []) if pid != spare]
    while queue:
        pid = queue.pop(0)
        queue.extend(child for child in children.get(pid, []) if child != spare)
        if table[pid][1] != b"Z":
            found.append(pid)
    return found


def kill_tree(root: int, include_root: bool = False, reap: bool = False, seconds: float = 5.0,
              spare: int | None = None) -> bool:
    """SIGKILL every descendant of root (and root) until none is left; True when none is.

    `reap` is for the worker, whose children are all learner processes: it reaps them so
    that their own orphans come up to it (it is their subreaper) and get killed in turn.
    `spare`: a child of root left alone with all below it (the worker's next learner process, forked
    while the last one's leftovers are swept).
    """
    end = time.monotonic() + seconds
    while True:
        table = _table()
        targets = descendants(root, table, spare)
        if include_root and root in table and table[root][1] != b"Z":
            targets.append(root)
        if not targets:
            return True
        for pid in targets:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if reap:
            reap_children(spare)
        if time.monotonic() > end:
            return False
        time.sleep(0.001)


def reap_children(spare: int | None = None) -> bool:
    """Reap this process's exited children without waiting; True when it has none left (but spare, which is
    neither reaped nor counted: its watcher reaps it)."""
    if spare is not None:
        left = False
        for pid in _children(os.getpid()):
            if pid == spare:
                continue
            try:
                left = os.waitpid(pid, os.WNOHANG)[0] == 0 or left
            except ChildProcessError:
                pass
        return not left
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return True
        if pid == 0:
            return False
