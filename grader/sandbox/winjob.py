"""A Windows Job Object around a learner's process (the portable runner, on Windows).

Everything the process starts is in its job: the job's committed memory is bounded by the OS (an
allocation past the limit fails, a MemoryError in the learner's code, as RLIMIT_AS gives on Linux),
and closing the job kills every process in it, also when the grader itself dies (the job closes with
its last handle). Only the standard library (ctypes); the structures' layout is checked on every OS by
tests/test_portable.py, the calls themselves only on Windows.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

JOB_OBJECT_EXTENDED_LIMIT_INFORMATION_CLASS = 9
JOB_OBJECT_LIMIT_JOB_MEMORY = 0x00000200
JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION = 0x00000400  # no error dialog waiting for a click
JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x00002000
BASE_FLAGS = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE | JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION


class IO_COUNTERS(ctypes.Structure):  # noqa: N801 - the Windows SDK's names
    _fields_ = [(name, ctypes.c_ulonglong) for name in (
        "ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
        "ReadTransferCount", "WriteTransferCount", "OtherTransferCount")]


class JOBOBJECT_BASIC_LIMIT_INFORMATION(ctypes.Structure):  # noqa: N801
    _fields_ = [("PerProcessUserTimeLimit", ctypes.c_int64), ("PerJobUserTimeLimit", ctypes.c_int64),
                ("LimitFlags", ctypes.c_uint32), ("MinimumWorkingSetSize", ctypes.c_size_t),
                ("MaximumWorkingSetSize", ctypes.c_size_t), ("ActiveProcessLimit", ctypes.c_uint32),
                ("Affinity", ctypes.c_size_t), ("PriorityClass", ctypes.c_uint32),
                ("SchedulingClass", ctypes.c_uint32)]


class JOBOBJECT_EXTENDED_LIMIT_INFORMATION(ctypes.Structure):  # noqa: N801
    _fields_ = [("BasicLimitInformation", JOBOBJECT_BASIC_LIMIT_INFORMATION), ("IoInfo", IO_COUNTERS),
                ("ProcessMemoryLimit", ctypes.c_size_t), ("JobMemoryLimit", ctypes.c_size_t),
                ("PeakProcessMemoryUsed", ctypes.c_size_t), ("PeakJobMemoryUsed", ctypes.c_size_t)]


def available() -> bool:
    return sys.platform == "win32"


class Job:
    """One Job Object holding one learner's process (and whatever it starts)."""

    def __init__(self) -> None:
        kernel32: Any = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        kernel32.CreateJobObjectW.restype = ctypes.c_void_p
        kernel32.CreateJobObjectW.argtypes = [ctypes.c_void_p, ctypes.c_wchar_p]
        kernel32.SetInformationJobObject.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_uint32]
        kernel32.AssignProcessToJobObject.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        kernel32.TerminateJobObject.argtypes = [ctypes.c_void_p, ctypes.c_uint]
        kernel32.CloseHandle.argtypes = [ctypes.c_void_p]
        self.kernel32 = kernel32
        self.handle = kernel32.CreateJobObjectW(None, None)
        if not self.handle:
            raise OSError(ctypes.get_last_error(), "CreateJobObjectW failed")  # type: ignore[attr-defined]
        self.limit(None)

    def limit(self, memory_bytes: int | None) -> None:
        """Kill on close, no error dialogs, and (unless None) at most memory_bytes committed by the job."""
        info = JOBOBJECT_EXTENDED_LIMIT_INFORMATION()
        info.BasicLimitInformation.LimitFlags = BASE_FLAGS | (JOB_OBJECT_LIMIT_JOB_MEMORY if memory_bytes else 0)
        if memory_bytes:
            info.JobMemoryLimit = memory_bytes
        if not self.kernel32.SetInformationJobObject(self.handle, JOB_OBJECT_EXTENDED_LIMIT_INFORMATION_CLASS,
                                                     ctypes.byref(info), ctypes.sizeof(info)):
            raise OSError(ctypes.get_last_error(), "SetInformationJobObject failed")  # type: ignore[attr-defined]

    def add(self, process_handle: int) -> None:
        """Put a process (subprocess.Popen's `_handle`) in the job."""
        if not self.kernel32.AssignProcessToJobObject(self.handle, process_handle):
            raise OSError(ctypes.get_last_error(), "AssignProcessToJobObject failed")  # type: ignore[attr-defined]

    def close(self) -> None:
        """Kill every process in the job and let it go."""
        if self.handle:
            self.kernel32.TerminateJobObject(self.handle, 1)
            self.kernel32.CloseHandle(self.handle)
            self.handle = None


def committed(pid: int) -> int:
    """The memory a process tree has committed now (psutil's `private` on Windows, else resident), 0 if unknown."""
    try:
        import psutil

        root = psutil.Process(pid)
        total = 0
        for proc in (root, *root.children(recursive=True)):
            info = proc.memory_info()
            total += int(getattr(info, "private", 0) or info.rss)
        return total
    except Exception:  # noqa: BLE001 - unknown: the caller keeps watching the resident size
        return 0
