"""Fills the disk: as many 64 MiB files as it may write in its working folder (at most 1 GiB, to spare
the machines this test runs on), then reports the total and answers wrongly."""

import os

CHUNK = b"\0" * (1 << 20)


def vector_arithmetic(a, b):
    total = 0
    for index in range(16):
        try:
            with open(f"fill-{index}", "wb") as handle:
                for _ in range(64):
                    handle.write(CHUNK)
                    total += len(CHUNK)
        except OSError as exc:
            print("stopped:", exc.strerror)
            break
    print(f"written MiB: {total >> 20}")
    return a, a, a, a
