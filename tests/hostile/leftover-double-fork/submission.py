"""A classic daemon: fork, setsid, fork again; the grandchild keeps the grader's pipes open and keeps
printing, long after the function returned the right answer."""

import ctypes
import os
import time

MARKER = "@MARKER@"
STARTED = []


def vector_arithmetic(a, b):
    if not STARTED:
        STARTED.append(True)
        pid = os.fork()
        if pid == 0:
            os.setsid()
            if os.fork() == 0:
                ctypes.CDLL(None).prctl(15, MARKER.encode(), 0, 0, 0)  # PR_SET_NAME
                while True:
                    try:
                        os.write(1, b"daemon still here\n" * 100)
                    except OSError:
                        time.sleep(0.01)
            os._exit(0)
        os.waitpid(pid, 0)
    return a + b, a - b, a * b, a / b
