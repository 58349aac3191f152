"""Kernel-level confinement of learner processes: ids, scratch space, resource limits, Landlock, seccomp.

Standalone (standard library only): the worker imports it from its private package, the grader as
part of its package. Every feature degrades to "not applied" where the kernel lacks it; the
worker reports which ones hold (see `features`).

- Ids: as root, each learner process runs as its own unused uid/gid (one per child, from a
  block mapped in this user namespace), else as nobody: files it does not own are read-only
  to it, and it cannot signal or trace another learner's processes.
- Landlock (Linux >= 5.13, unprivileged): the learner's process may read only the Python
  installation, system libraries and its own folder (minus the grader's and references'
  packages and exercise definitions), and write only in its scratch folder; it may not
  connect or bind TCP sockets (ABI 4) nor signal processes outside its domain (ABI 6).
  Landlock also refuses ptrace of processes outside the domain (their /proc/PID/environ, mem).
- seccomp: the learner's process may signal only itself or its own group, not trace anything,
  not read or write other processes' memory, not change files' modes, owners, times or extended
  attributes (which matters when it shares the grader's uid), not open sockets (network, or a
  local daemon: Docker's socket is open to CI runner users).
- no_new_privs: setuid binaries cannot raise the learner's privileges.
- Scratch: as root, the learner's working folder is a small tmpfs in a mount namespace of its own
  (bounded writes, gone with its last process); otherwise a plain folder, removed afterwards.
- Process trees: the worker is a child subreaper, so everything the learner starts stays in
  its tree; `process_tree.kill_tree` kills that tree until nothing is left.
"""

from __future__ import annotations

import ctypes
import os
import resource
import stat
from typing import Iterable

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36
PR_SET_NO_NEW_PRIVS = 38
NOBODY = 65534
ID_BASE = 1_500_000_000  # far above any user or subordinate-id range in use
ID_SPAN = 1_000_000

# Landlock (include/uapi/linux/landlock.h); the syscall numbers are shared by all common architectures
SYS_CREATE_RULESET, SYS_ADD_RULE, SYS_RESTRICT_SELF = 444, 445, 446
CREATE_RULESET_VERSION = 1
RULE_PATH_BENEATH = 1
FS_EXECUTE, FS_WRITE_FILE, FS_READ_FILE, FS_READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
FS_REFER, FS_TRUNCATE = 1 << 13, 1 << 14
FS_V1 = (1 << 13) - 1  # execute ... make_sym
FS_READ = FS_EXECUTE | FS_READ_FILE | FS_READ_DIR
FS_FILE_ONLY = FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE
NET_BIND_TCP, NET_CONNECT_TCP = 1, 2
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1, 2
UNSUPPORTED_MACHINES = ("alpha", "ia64", "mips")

SYSTEM_READ = ("/usr", "/lib", "/lib64", "/lib32", "/libx32", "/bin", "/sbin", "/etc/ld.so.cache",
               "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/sys/devices/system/cpu")
DEVICES = {"/dev/null": FS_READ_FILE | FS_WRITE_FILE | FS_TRUNCATE, "/dev/zero": FS_READ_FILE,
           "/dev/urandom": FS_READ_FILE, "/dev/random": FS_READ_FILE}
HIDDEN_SUFFIXES = (".yaml", ".yml")
HIDDEN_NAMES = (".git",)

_libc: ctypes.CDLL | None = None


def libc() -> ctypes.CDLL | None:
    """The C library, or None where it cannot be loaded."""
    global _libc
    if _libc is None:
        try:
            _libc = ctypes.CDLL(None, use_errno=True)
            _libc.syscall.restype = ctypes.c_long
        except OSError:
            return None
    return _libc


def prctl(option: int, value: int) -> bool:
    """prctl(option, value); False where it failed or does not exist."""
    lib = libc()
    try:
        return lib is not None and lib.prctl(option, ctypes.c_ulong(value), 0, 0, 0) == 0
    except AttributeError:  # not Linux
        return False


# ---------------------------------------------------------------- ids


def id_base() -> int | None:
    """The first of ID_SPAN unused uids/gids mapped in this user namespace, or None (use nobody)."""
    for path in ("/proc/self/uid_map", "/proc/self/gid_map"):
        try:
            with open(path, encoding="ascii") as handle:
                extents = [tuple(int(x) for x in line.split()) for line in handle if line.strip()]
        except (OSError, ValueError):
            return None
        if not any(len(e) == 3 and e[0] <= ID_BASE and ID_BASE + ID_SPAN <= e[0] + e[2] for e in extents):
            return None
    return ID_BASE


def learner_id(base: int | None, pid: int) -> int:
    """The uid/gid of one learner process: its own when a block is mapped, else nobody."""
    return NOBODY if base is None else base + pid % ID_SPAN


def drop_privileges(uid: int) -> None:
    """Become uid/gid `uid` for good (real, effective and saved), with no supplementary groups."""
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)


# ---------------------------------------------------------------- scratch space


CLONE_NEWNS = 0x00020000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_PRIVATE, MS_REC = 0x2, 0x4, 0x8, 0x40000, 0x4000


CAP_SYS_ADMIN = 21


def can_mount() -> bool:
    """Whether this process holds CAP_SYS_ADMIN (what private_scratch needs)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("CapEff:"):
                    return bool(int(line.split()[1], 16) >> CAP_SYS_ADMIN & 1)
    except (OSError, ValueError):
        pass
    return False


def private_scratch(path: str, uid: int, size: int, inodes: int) -> bool:
    """Mount a tmpfs of `size` bytes and `inodes` files over path, in a mount namespace of this process
    alone (root only): the learner's writes are bounded, and vanish with its last process."""
    lib = libc()
    if lib is None or os.geteuid() != 0:
        return False
    try:
        if lib.unshare(CLONE_NEWNS) != 0:
            return False
        if lib.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None) != 0:
            return False
        options = f"size={size},nr_inodes={inodes},mode=0700,uid={uid},gid={uid}".encode()
        return lib.mount(b"grade-scratch", os.fsencode(path), b"tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
                         options) == 0
    except AttributeError:
        return False


# ---------------------------------------------------------------- limits


def address_space() -> int:
    """This process's current virtual size in bytes (VmSize)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 512 << 20


def user_tasks(uid: int) -> int:
    """How many tasks (threads included) the user runs now: RLIMIT_NPROC counts them all."""
    count = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:  # status, not the folder's owner: a non-dumpable process's folder belongs to root
            with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as handle:
                fields = dict(line.split(":", 1) for line in handle if ":" in line)
            if int(fields["Uid"].split()[0]) == uid:
                count += int(fields["Threads"])
        except (OSError, KeyError, ValueError, IndexError):
            continue
    return count


def limit_memory(memory: int | None) -> None:
    """A provisional address-space limit, or none (soft only: set_limits sets the final, hard one)."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = hard if memory is None else memory if hard == resource.RLIM_INFINITY else min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def set_limits(memory: int, cpu_seconds: int, file_bytes: int, nproc: int | None, nofile: int,
               memory_slack: int = 0, cpu_slack: int = 0) -> None:
    """Resource limits of the learner's process (inherited by everything it starts). The hard limits of
    memory and CPU time are `slack` above the soft ones: room for a process reused for later exercises,
    whose soft limits are set again each time (see `renew_limits`)."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory + memory_slack))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1 + cpu_slack))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    cap = nofile if hard == resource.RLIM_INFINITY else min(nofile, hard)
    resource.setrlimit(resource.RLIMIT_NOFILE, (cap, cap))
    if nproc is not None:
        resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))


def cpu_used() -> float:
    """CPU seconds this process has used (all its threads): what RLIMIT_CPU counts."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def renew_limits(memory: int, cpu_seconds: int) -> bool:
    """Soft limits for one more exercise of a reused process: `memory` bytes of address space and
    `cpu_seconds` more CPU time; False (nothing changed) when the hard limits leave no room for them."""
    _soft, memory_hard = resource.getrlimit(resource.RLIMIT_AS)
    _soft, cpu_hard = resource.getrlimit(resource.RLIMIT_CPU)
    cpu = int(cpu_used()) + 1 + cpu_seconds
    if memory_hard != resource.RLIM_INFINITY and memory > memory_hard:
        return False
    if cpu_hard != resource.RLIM_INFINITY and cpu + 1 > cpu_hard:
        return False
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory_hard))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu_hard))
    return True


# ---------------------------------------------------------------- Landlock


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("fs", ctypes.c_uint64), ("net", ctypes.c_uint64), ("scoped", ctypes.c_uint64)]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed", ctypes.c_uint64), ("fd", ctypes.c_int32)]


def landlock_abi() -> int:
    """The kernel's Landlock ABI version (0: unavailable)."""
    lib = libc()
    if lib is None or os.uname().machine.startswith(UNSUPPORTED_MACHINES):
        return 0
    try:
        version = lib.syscall(ctypes.c_long(SYS_CREATE_RULESET), ctypes.c_void_p(None), ctypes.c_size_t(0),
                              ctypes.c_uint32(CREATE_RULESET_VERSION))
    except AttributeError:
        return 0
    return max(int(version), 0)


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


class Ruleset:
    """A Landlock ruleset being built: what may be read, written; enforced by `restrict`."""

    def __init__(self, abi: int) -> None:
        lib = libc()
        assert lib is not None
        self.lib = lib
        self.fs = FS_V1 | (FS_REFER if abi >= 2 else 0) | (FS_TRUNCATE if abi >= 3 else 0)
        attr = _RulesetAttr(self.fs, NET_BIND_TCP | NET_CONNECT_TCP if abi >= 4 else 0,
                            SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL if abi >= 6 else 0)
        size = 8 if abi < 4 else 16 if abi < 6 else 24
        self.fd = int(lib.syscall(ctypes.c_long(SYS_CREATE_RULESET), ctypes.byref(attr), ctypes.c_size_t(size),
                                  ctypes.c_uint32(0)))
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "landlock_create_ruleset failed")

    def allow(self, path: str, access: int) -> None:
        """Allow `access` on path and everything beneath it (file rights only, for a file)."""
        try:
            fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
        except OSError:
            return
        try:
            if not stat.S_ISDIR(os.fstat(fd).st_mode):
                access &= FS_FILE_ONLY
            access &= self.fs
            if access:
                rule = _PathBeneath(access, fd)
                self.lib.syscall(ctypes.c_long(SYS_ADD_RULE), ctypes.c_int(self.fd), ctypes.c_int(RULE_PATH_BENEATH),
                                 ctypes.byref(rule), ctypes.c_uint32(0))
        finally:
            os.close(fd)

    def restrict(self) -> None:
        """Enforce the ruleset on this process and its future children (sets no_new_privs)."""
        if not prctl(PR_SET_NO_NEW_PRIVS, 1):
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
        if int(self.lib.syscall(ctypes.c_long(SYS_RESTRICT_SELF), ctypes.c_int(self.fd), ctypes.c_uint32(0))) != 0:
            raise OSError(ctypes.get_errno(), "landlock_restrict_self failed")

    def close(self) -> None:
        os.close(self.fd)


def read_rules(paths: Iterable[str], blocked: Iterable[str], hide_definitions: bool = False) -> list[tuple[str, int]]:
    """The (path, access) rules that let a process read `paths`, except the blocked folders inside them
    (and, with hide_definitions, the YAML files and `.git` directly inside them).

    A folder with something blocked inside is only listed (READ_DIR applies beneath, so the
    blocked folder's names stay visible, never its contents) and its entries are allowed one by
    one. Pure computation, cached by the worker: applying the rules is the cheap part.
    """
    shut = tuple(os.path.realpath(b) for b in blocked)
    roots = sorted({os.path.realpath(p) for p in paths})
    roots = [r for r in roots if not any(r != o and _within(r, o) for o in roots)]  # nested: once
    rules: list[tuple[str, int]] = []
    for root in roots:
        _read_rules(root, shut, hide_definitions, 0, rules, root if hide_definitions else None)
    return rules


def _read_rules(real: str, shut: tuple[str, ...], hide: bool, depth: int, rules: list[tuple[str, int]],
                inside: str | None = None) -> None:
    """Rules for `real`; with `inside` (a learner's folder), never a rule built from a symbolic link's target
    outside it: a link in a submission (`peek -> /`) must not widen what the learner may read."""
    if any(_within(real, b) for b in shut) or depth > 16 or (inside is not None and not _within(real, inside)):
        return
    if not hide and not any(_within(b, real) for b in shut):
        rules.append((real, FS_READ))
        return
    try:
        entries = list(os.scandir(real))
    except (NotADirectoryError, FileNotFoundError):
        if not hide or not real.endswith(HIDDEN_SUFFIXES):
            rules.append((real, FS_READ))
        return
    except OSError:
        return
    rules.append((real, FS_READ_DIR))
    for entry in entries:
        if hide and (entry.name.endswith(HIDDEN_SUFFIXES) or entry.name in HIDDEN_NAMES):
            continue
        _read_rules(os.path.realpath(entry.path), shut, False, depth + 1, rules, inside)


def library_rules(libraries: Iterable[str], blocked: Iterable[str]) -> list[tuple[str, int]]:
    """Read rules for the Python installation and the system's libraries."""
    return read_rules([*libraries, *SYSTEM_READ], blocked)


def files_ruleset(libraries: list[tuple[str, int]], own_folder: str, scratch: str,
                  blocked: Iterable[str]) -> Ruleset | None:
    """The Landlock rules of a learner's process (None where Landlock is unavailable): read the
    libraries (rules from library_rules) and the learner's own folder, write only in scratch.

    Built once by the worker per folder; each learner process enforces it with one system call
    and must close it before running learner code (else that code could add rules for the next).
    """
    abi = landlock_abi()
    if abi < 1:
        return None
    try:
        rules = Ruleset(abi)
    except OSError:
        return None
    for path, access in [*libraries, *read_rules([own_folder], blocked, hide_definitions=True)]:
        rules.allow(path, access)
    for device, access in DEVICES.items():
        rules.allow(device, access)
    rules.allow(scratch, rules.fs)
    return rules


# ---------------------------------------------------------------- seccomp: signals and tracing


# per architecture: the audit arch, syscalls allowed only at the process itself (pid argument = own
# pid or 0), syscalls always refused, and whether the x32 numbering must be refused
SECCOMP_ARCHES = {
    "x86_64": (0xC000003E, (62, 234, 129, 297),
               (200, 424, 101, 310, 311,  # tkill, pidfd_send_signal, ptrace, process_vm_readv/writev
                90, 91, 268, 452, 92, 93, 94, 260,  # chmod, fchmod, fchmodat(2), chown, fchown, lchown, fchownat
                132, 235, 261, 280,  # utime, utimes, futimesat, utimensat
                188, 189, 190, 197, 198, 199, 463, 466,  # set/remove xattr (and the *at forms)
                41, 425, 426, 427,  # socket, io_uring (which would bypass this filter)
                321, 298, 323, 248, 249, 250,  # bpf, perf_event_open, userfaultfd, key rings
                319, 447, 29,  # memfd_create, memfd_secret, shmget: memory outside RLIMIT_AS
                30, 31, 67, 64, 65, 66, 220, 68, 69, 70, 71,  # shmat/ctl/dt, sem*, msg*: System V IPC
                240, 241, 242, 243, 244, 245), True),  # mq_*: POSIX message queues
    "aarch64": (0xC00000B7, (129, 131, 138, 240),
                (130, 424, 117, 270, 271, 52, 53, 452, 54, 55, 88, 5, 6, 7, 14, 15, 16, 463, 466,
                 198, 425, 426, 427, 280, 241, 282, 217, 218, 219, 279, 447, 194,
                 *range(180, 198)), False),  # mq_*, msg*, sem*, shm* (180..197 in the generic numbering)
}
PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 22, 2
RET_ALLOW, RET_EPERM = 0x7FFF0000, 0x00050000 | 1
LD_ABS, JEQ, JGE, RET = 0x20, 0x15, 0x35, 0x06


class _SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8), ("k", ctypes.c_uint32)]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


def signal_filter(own_pid: int, arch: str) -> list[tuple[int, int, int, int]]:
    """A seccomp program: signals only to this process or its group; no ptrace, no access to others' memory.

    kill, tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo pass only with pid argument own_pid or 0;
    tkill, pidfd_send_signal, ptrace, process_vm_readv/writev fail with EPERM, and so do the
    changes of files' metadata Landlock does not cover (modes, owners, times, extended
    attributes: with the grader's uid, chmod 000 on a course file would break later grading),
    socket (no network, no local daemon such as Docker's socket; socketpair stays), io_uring,
    bpf, perf_event_open, userfaultfd and the key rings (kernel surface numerical code never
    needs), memfd_create, memfd_secret and shmget (shared memory that RLIMIT_AS does not count and
    that can outlive the process), the rest of System V IPC and POSIX message queues (semaphore sets
    and queues outlive the learner, its control group and the batch, holding kernel memory no limit
    counts, and are a channel between learners), and every syscall of another ABI (i386 through int
    0x80, x32)."""
    audit_arch, own_only, refused, x32 = SECCOMP_ARCHES[arch]
    prog = [(LD_ABS, 0, 0, 4), (JEQ, 1, 0, audit_arch), (RET, 0, 0, RET_EPERM), (LD_ABS, 0, 0, 0)]
    if x32:
        prog += [(JGE, 0, 1, 0x40000000), (RET, 0, 0, RET_EPERM)]
    for nr in own_only:
        prog += [(JEQ, 0, 5, nr), (LD_ABS, 0, 0, 16), (JEQ, 2, 0, own_pid & 0xFFFFFFFF), (JEQ, 1, 0, 0),
                 (RET, 0, 0, RET_EPERM), (RET, 0, 0, RET_ALLOW)]
    for nr in refused:
        prog += [(JEQ, 0, 1, nr), (RET, 0, 0, RET_EPERM)]
    return prog + [(RET, 0, 0, RET_ALLOW)]


def confine_signals() -> bool:
    """Install the signal filter on this process (and everything it starts); False where unsupported."""
    arch = os.uname().machine
    lib = libc()
    if arch not in SECCOMP_ARCHES or lib is None or not prctl(PR_SET_NO_NEW_PRIVS, 1):
        return False
    prog = signal_filter(os.getpid(), arch)
    table = (_SockFilter * len(prog))(*[_SockFilter(*ins) for ins in prog])
    fprog = _SockFprog(len(prog), table)
    return lib.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) == 0
