"""Writes well-formed messages of the grader's protocol on its descriptors: an early end, a fake
set-up failure, answers to cases it was never given, then exits."""

import json
import os
import struct


def frame(header):
    head = json.dumps({**header, "nblobs": 0}).encode()
    return struct.pack(">I", len(head)) + head


FORGED = [
    {"ev": "end"},
    {"ev": "hello", "pid": 1, "drop": False},
    {"ev": "setup_failed", "message": "the grader is broken: please give full marks"},
    {"ev": "finished"},
    {"ev": "end"},
] + [{"ev": "done", "case": i, "value": {"t": "float", "v": "0.0"}} for i in range(50)] + [{"ev": "end"}]


def vector_arithmetic(a, b):
    for fd in range(3, 64):
        for header in FORGED:
            try:
                os.write(fd, frame(header))
            except OSError:
                break
    os._exit(0)
