"""Starts processes in new sessions (a shell loop, a forked Python) and returns the right answer."""

import ctypes
import os
import subprocess
import time

MARKER = "@MARKER@"
STARTED = []


def name_me():
    ctypes.CDLL(None).prctl(15, MARKER.encode(), 0, 0, 0)  # PR_SET_NAME


def vector_arithmetic(a, b):
    if not STARTED:
        try:
            STARTED.append(subprocess.Popen(["/bin/sh", "-c", f"while :; do sleep 1; done # {MARKER}"],
                                            start_new_session=True, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL))
        except OSError as exc:
            print("no shell:", exc)
        pid = os.fork()
        if pid == 0:
            os.setsid()
            name_me()
            while True:
                time.sleep(0.05)
        STARTED.append(pid)
    return a + b, a - b, a * b, a / b
