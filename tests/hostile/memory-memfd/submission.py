"""At import: anonymous shared memory that RLIMIT_AS does not count (memfd_create + posix_fallocate, SysV
shmget, a file in /dev/shm), up to 1 GiB each in 64 MiB pieces (4x the limit).
Each route must be refused: the answer is right only when all three were."""

import ctypes
import os

MARKER = "@MARKER@"
HELD = []
libc = ctypes.CDLL(None, use_errno=True)


def memfd():
    try:
        for _ in range(16):
            fd = os.memfd_create(MARKER)
            HELD.append(fd)
            os.posix_fallocate(fd, 0, 64 << 20)
        return "held 1 GiB"
    except OSError as exc:
        return f"refused ({exc.errno})"


def sysv():
    libc.shmget.restype = ctypes.c_int
    libc.shmat.restype = ctypes.c_void_p
    for _ in range(16):
        shmid = libc.shmget(0, ctypes.c_size_t(64 << 20), 0o1600)  # IPC_PRIVATE, IPC_CREAT | 0600
        if shmid < 0:
            return f"refused ({ctypes.get_errno()})"
        HELD.append(shmid)
        address = ctypes.c_void_p(libc.shmat(shmid, None, 0))
        libc.shmctl(shmid, 0, None)  # IPC_RMID: gone once detached
        if address.value in (None, ctypes.c_void_p(-1).value):
            return "refused (attach)"
        ctypes.memset(address, 1, 64 << 20)
    return "held 1 GiB"


def devshm():
    try:
        for i in range(16):
            with open(f"/dev/shm/{MARKER}-canary-{i}", "wb") as handle:
                os.posix_fallocate(handle.fileno(), 0, 64 << 20)
        return "held 1 GiB"
    except OSError as exc:
        return f"refused ({exc.errno})"


OUTCOMES = {"memfd": memfd(), "shmget": sysv(), "devshm": devshm()}
print(OUTCOMES)
REFUSED = all(outcome.startswith("refused") for outcome in OUTCOMES.values())


def vector_arithmetic(a, b):
    if not REFUSED:
        return a, a, a, a
    return a + b, a - b, a * b, a / b
