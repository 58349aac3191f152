"""Aborts the interpreter (SIGABRT), then kills itself with SIGKILL if that did not work."""

import os
import signal


def vector_arithmetic(a, b):
    try:
        os.abort()
    finally:
        os.kill(os.getpid(), signal.SIGKILL)
