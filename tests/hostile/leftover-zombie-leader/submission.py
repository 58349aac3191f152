"""A child in a new session starts a spinning thread, then ends its main thread with pthread_exit: the
group leader is a zombie while its thread runs on. Returns the right answer."""

import ctypes
import os
import threading
import time

MARKER = "@MARKER@"
STARTED = []


def spin():
    while True:
        time.sleep(0.01)


def vector_arithmetic(a, b):
    if not STARTED:
        pid = os.fork()
        if pid == 0:
            os.setsid()
            libc = ctypes.CDLL(None)
            libc.prctl(15, MARKER.encode(), 0, 0, 0)  # PR_SET_NAME: the thread inherits it
            threading.Thread(target=spin).start()
            libc.pthread_exit(None)
        STARTED.append(pid)
        time.sleep(0.2)
    return a + b, a - b, a * b, a / b
