"""A control group per learner's process (Linux, where the grader may make them).

A group holds the learner's process and everything it starts, whatever they do (a new session, a double
fork, a zombie leader with running threads). It gives three things no resource limit gives:
- memory of every kind counted against one limit: arrays, and also shared memory (memfd, SysV, tmpfs
  files), which RLIMIT_AS does not count; past the limit the kernel stops the process (an OOM kill the
  server reads back and reports as the memory limit);
- a bound on the processes and threads of that one learner (`pids.max`), not of a uid;
- the list of every process in it, so that ending a grading kills them all, then removes the group.

Both cgroup versions are read: v1 (a `memory` and a `pids` hierarchy) and v2 (the unified hierarchy,
where our own group must already delegate `memory` and `pids` to its children). Where neither can be
written (not root, no cgroup file system, a read-only one), `find` says why and the other defences stand.
"""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass

ROOT = "/sys/fs/cgroup"
PREFIX = "grade-"


@dataclass(frozen=True)
class Hierarchy:
    """Where this process may make groups: a folder per controller (v1) or one folder (v2)."""

    version: int
    memory: str
    pids: str

    def folders(self) -> tuple[str, ...]:
        return (self.memory,) if self.version == 2 or self.memory == self.pids else (self.memory, self.pids)


def _own_groups() -> dict[str, str]:
    """Controller (or '' for v2) -> this process's group path, from /proc/self/cgroup."""
    groups: dict[str, str] = {}
    with open("/proc/self/cgroup", encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split(":", 2)
            if len(parts) != 3:
                continue
            for controller in parts[1].split(",") if parts[1] else [""]:
                groups[controller] = parts[2]
    return groups


def _mounts() -> dict[str, tuple[str, str]]:
    """Controller (or '' for v2) -> (mount point, root of the mount), from /proc/self/mountinfo."""
    mounts: dict[str, tuple[str, str]] = {}
    with open("/proc/self/mountinfo", encoding="utf-8") as handle:
        for line in handle:
            left, _, right = line.rstrip("\n").partition(" - ")
            fields, tail = left.split(), right.split()
            if len(fields) < 5 or len(tail) < 3:
                continue
            if tail[0] == "cgroup2":
                mounts.setdefault("", (fields[4], fields[3]))
            elif tail[0] == "cgroup":
                for option in tail[2].split(","):
                    mounts.setdefault(option, (fields[4], fields[3]))
    return mounts


def _folder(mount: tuple[str, str], path: str) -> str:
    point, root = mount
    relative = os.path.relpath(path, root) if root != "/" else path.lstrip("/")
    return os.path.normpath(os.path.join(point, relative)) if relative not in (".", "") else point


def _writable(folder: str) -> bool:
    probe = os.path.join(folder, f"{PREFIX}probe-{os.getpid()}")
    try:
        os.mkdir(probe)
    except OSError:
        return False
    try:
        os.rmdir(probe)
    except OSError:
        pass
    return True


def find() -> tuple[Hierarchy | None, str]:
    """Where groups can be made for learners, or None and why not."""
    try:
        groups, mounts = _own_groups(), _mounts()
    except OSError as exc:
        return None, f"no cgroup information ({exc.strerror})"
    if "memory" in mounts and "pids" in mounts and "memory" in groups and "pids" in groups:
        memory = _folder(mounts["memory"], groups["memory"])
        pids = _folder(mounts["pids"], groups["pids"])
        if _writable(memory) and _writable(pids):
            return Hierarchy(1, memory, pids), "cgroup v1 (memory, pids)"
        return None, "the cgroup v1 hierarchies cannot be written here (root is needed)"
    if "" in mounts and "" in groups:
        folder = _folder(mounts[""], groups[""])
        try:
            with open(os.path.join(folder, "cgroup.subtree_control"), encoding="utf-8") as handle:
                delegated = set(handle.read().split())
        except OSError:
            delegated = set()
        if not {"memory", "pids"} <= delegated:
            return None, f"the cgroup v2 group {groups['']} does not delegate memory and pids to its children"
        if _writable(folder):
            return Hierarchy(2, folder, folder), "cgroup v2 (memory, pids)"
        return None, f"the cgroup v2 group {groups['']} cannot be written here"
    return None, "no memory and pids cgroup controllers are mounted"


class Group:
    """One learner's process's control group (a folder per controller)."""

    def __init__(self, hierarchy: Hierarchy, name: str) -> None:
        self.hierarchy = hierarchy
        self.paths = tuple(os.path.join(folder, name) for folder in hierarchy.folders())
        self.made = False

    @property
    def memory(self) -> str:
        return self.paths[0]

    @property
    def pids(self) -> str:
        return self.paths[-1]

    def make(self, memory_bytes: int, tasks: int) -> bool:
        """Make the group with its limits; False (nothing left behind) when the kernel refuses."""
        try:
            for path in self.paths:
                os.mkdir(path)
            self.made = True
            self.limit(memory_bytes)
            _write(os.path.join(self.pids, "pids.max"), str(tasks))
        except OSError:
            self.remove()
            return False
        return True

    def limit(self, memory_bytes: int) -> None:
        """Set the memory limit (all kinds); swap may not extend it."""
        if self.hierarchy.version == 2:
            _write(os.path.join(self.memory, "memory.max"), str(memory_bytes))
            swap = os.path.join(self.memory, "memory.swap.max")
            if os.path.exists(swap):
                _write(swap, "0")
            return
        _write(os.path.join(self.memory, "memory.limit_in_bytes"), str(memory_bytes))
        both = os.path.join(self.memory, "memory.memsw.limit_in_bytes")  # memory + swap, where accounted
        if os.path.exists(both):
            try:
                _write(both, str(memory_bytes))
            except OSError:
                pass

    def usage(self) -> int:
        """Bytes of memory charged to the group now."""
        name = "memory.current" if self.hierarchy.version == 2 else "memory.usage_in_bytes"
        try:
            with open(os.path.join(self.memory, name), encoding="ascii") as handle:
                return int(handle.read())
        except (OSError, ValueError):
            return 0

    def allow(self, extra_bytes: int) -> None:
        """Limit the group to what it holds now plus extra_bytes (never an error: the earlier limit stays)."""
        try:
            self.limit(self.usage() + extra_bytes)
        except OSError:
            pass

    def enter(self) -> None:
        """Move the calling process into the group (the learner's process, first thing after the fork, while
        it has one thread). In v1 it moves itself as a single thread ("0" to `tasks`): the kernel then skips
        the global lock a whole-process move takes, which waits for an RCU grace period (5-15 ms here,
        against 0.2 ms). v2 has no such file outside threaded groups: the whole process moves."""
        for path in self.paths:
            if self.hierarchy.version == 1:
                _write(os.path.join(path, "tasks"), "0")
            else:
                _write(os.path.join(path, "cgroup.procs"), str(os.getpid()))

    def members(self) -> list[int]:
        """The processes in the group now."""
        found: set[int] = set()
        for path in self.paths:
            try:
                with open(os.path.join(path, "cgroup.procs"), encoding="ascii") as handle:
                    found.update(int(line) for line in handle if line.strip())
            except (OSError, ValueError):
                continue
        return sorted(found)

    def oom_kills(self) -> int:
        """How many of the group's processes the kernel killed for exceeding the memory limit."""
        name = "memory.events" if self.hierarchy.version == 2 else "memory.oom_control"
        try:
            with open(os.path.join(self.memory, name), encoding="ascii") as handle:
                for line in handle:
                    key, _, value = line.partition(" ")
                    if key == "oom_kill":
                        return int(value)
        except (OSError, ValueError):
            pass
        return 0

    def kill_all(self, seconds: float = 5.0) -> bool:
        """SIGKILL every process in the group until none is left; True when none is."""
        if not self.made:
            return True
        kill = os.path.join(self.paths[0], "cgroup.kill")
        end = time.monotonic() + seconds
        while True:
            members = self.members()
            if not members:
                return True
            if self.hierarchy.version == 2 and os.path.exists(kill):
                try:
                    _write(kill, "1")
                except OSError:
                    pass
            for pid in members:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            if time.monotonic() > end:
                return False
            time.sleep(0.0005)

    def remove(self) -> None:
        """Remove the group's folders (empty ones: call kill_all first)."""
        for path in self.paths:
            for _ in range(200):  # a killed process leaves its group a moment after its parent reaps it
                try:
                    os.rmdir(path)
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.0005)
        self.made = False


def sweep(hierarchy: Hierarchy) -> None:
    """Remove the empty groups a grader killed before it could tidy up left behind (their server is gone)."""
    for folder in hierarchy.folders():
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if not name.startswith(PREFIX):
                continue
            owner = name[len(PREFIX):].split("-", 1)[0]
            if owner.isdigit() and os.path.exists(f"/proc/{owner}"):
                continue
            try:
                os.rmdir(os.path.join(folder, name))
            except OSError:
                pass


def _write(path: str, text: str) -> None:
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)
