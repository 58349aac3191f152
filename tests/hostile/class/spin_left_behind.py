"""At import: four children, each in a new session, each with a spinning thread, end their main thread
with pthread_exit (zombie group leaders that keep running). Left behind, they would steal the CPU of the
learners graded next (issue 14: a correct solution then timed out). Returns the right answer."""

import ctypes
import os
import threading

MARKER = "@MARKER@"


def spin():
    while True:
        pass


for _ in range(4):
    if os.fork() == 0:
        os.setsid()
        libc = ctypes.CDLL(None)
        libc.prctl(15, MARKER.encode(), 0, 0, 0)
        threading.Thread(target=spin).start()
        libc.pthread_exit(None)


def vector_arithmetic(a, b):
    return a + b, a - b, a * b, a / b
