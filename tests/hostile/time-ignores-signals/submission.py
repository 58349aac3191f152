"""Ignores every catchable signal and every exception, and keeps going (also asleep in C)."""

import signal
import time

for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGALRM, signal.SIGXCPU,
            signal.SIGUSR1, signal.SIGUSR2):
    signal.signal(sig, signal.SIG_IGN)


def vector_arithmetic(a, b):
    while True:
        try:
            while True:
                time.sleep(0.05)
                sum(range(10000))
        except BaseException:  # noqa: BLE001 - the point is to refuse to stop
            continue
