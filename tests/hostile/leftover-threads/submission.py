"""Leaves threads running (busy, asleep, non-daemon) and returns the right answer."""

import threading
import time


def spin():
    while True:
        sum(range(1000))


def doze():
    while True:
        time.sleep(0.1)


STARTED = []


def vector_arithmetic(a, b):
    if not STARTED:
        for target in (spin, doze):
            thread = threading.Thread(target=target, daemon=False)
            thread.start()
            STARTED.append(thread)
    return a + b, a - b, a * b, a / b
