"""Twelve processes, each under its own RLIMIT_AS, hold 64 MiB each (768 MiB together, three times the
exercise's 256 MiB) at the same time; the answer is right only if all of them held their share. Memory is counted per
learner (a control group), not per process: the kernel stops some of them, and the answer is wrong."""

import os
import select
import time

MARKER = "@MARKER@"
PIECE, COUNT = 64 << 20, 12
HELD = []


def hold():
    """Fork the holders once; how many held their share at the same time."""
    r, w = os.pipe()
    pids = []
    for _ in range(COUNT):
        pid = os.fork()
        if pid:
            pids.append(pid)
        else:
            try:
                os.close(r)
                block = bytearray(PIECE)
                block[::4096] = b"\1" * len(block[::4096])
                os.write(w, b"1")
                time.sleep(30)
            finally:
                os._exit(0)
    os.close(w)
    got, end = b"", time.monotonic() + 0.3
    while len(got) < COUNT and time.monotonic() < end:
        if select.select([r], [], [], max(end - time.monotonic(), 0))[0]:
            chunk = os.read(r, COUNT)
            if not chunk:
                break
            got += chunk
    os.close(r)
    # at the same time: a holder the kernel killed after it wrote (to make room for the next) does not count
    alive = sum(1 for pid in pids if os.waitpid(pid, os.WNOHANG) == (0, 0))
    held = min(len(got), alive)
    print(f"held {held} x 64 MiB")
    return held


def vector_arithmetic(a, b):
    if not HELD:
        HELD.append(hold())
    if HELD[0] < COUNT:
        return a, a, a, a
    return a + b, a - b, a * b, a / b
