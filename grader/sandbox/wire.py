"""Framed messages of JSON headers and raw numeric arrays: no pickle, nothing executable.

A frame is: 4-byte big-endian header length, the header (UTF-8 JSON), then for each of
`header["nblobs"]` blobs an 8-byte length and the bytes. Values inside a header are trees
of plain JSON with arrays referenced by blob index. Standalone: stdlib and numpy only.
"""

from __future__ import annotations

import json
import math
import os
import struct
from typing import Any, BinaryIO

import numpy as np

from .callables import CallableSpec  # grader.sandbox in the grader, _grade_sandbox in the worker

MAX_HEADER = 8 << 20
MAX_BLOB = 512 << 20
NUMERIC_KINDS = "biufc"
MAX_DEPTH = 64


class NumberList:
    """A flat list or tuple of plain numbers, sent as one array (a loop's output is often this)."""

    def __init__(self, array: np.ndarray, is_tuple: bool) -> None:
        self.array = array
        self.is_tuple = is_tuple


class WireError(Exception):
    """A frame that is malformed, too large, or carries something other than plain data."""


class Unrepresentable(Exception):
    """A value with no plain-data form (an arbitrary object, a string array, ...)."""


INT_BITS = 8192  # the largest integer sent, in bits: about 2,466 digits, under int()'s default 4,300


def encode(value: Any, blobs: list[bytes]) -> Any:
    """Plain-data tree for `value`, appending array bytes to `blobs`."""
    if value is None or isinstance(value, bool) and type(value) is bool:
        return {"t": "none"} if value is None else {"t": "bool", "v": value}
    if type(value) is int:
        if value.bit_length() > INT_BITS:  # its decimal text is past what the grader's int() reads
            raise Unrepresentable(f"an integer of about {int(value.bit_length() * 0.30103) + 1} digits, far beyond "
                                  "any floating-point number")
        return {"t": "int", "v": str(value)}
    if type(value) is float:
        return {"t": "float", "v": _float_text(value)}
    if type(value) is complex:
        return {"t": "complex", "v": [_float_text(value.real), _float_text(value.imag)]}
    if type(value) is str:
        return {"t": "str", "v": value}
    if type(value) is np.ndarray or isinstance(value, np.generic) and type(value).__module__ == "numpy":
        arr = np.asarray(value)
        if arr.dtype.kind not in NUMERIC_KINDS or arr.dtype.fields is not None:
            raise Unrepresentable(f"an array of dtype {arr.dtype}")
        blobs.append(np.ascontiguousarray(arr).tobytes())
        return {"t": "array" if type(value) is np.ndarray else "scalar", "d": arr.dtype.str,
                "s": list(arr.shape), "b": len(blobs) - 1}
    if type(value) is NumberList:
        blobs.append(np.ascontiguousarray(value.array).tobytes())
        return {"t": "nlist", "d": value.array.dtype.str, "s": [len(value.array)], "b": len(blobs) - 1,
                "tuple": value.is_tuple}
    if type(value) in (tuple, list):
        return {"t": type(value).__name__, "v": [encode(v, blobs) for v in value]}
    if type(value) is dict and all(type(k) is str for k in value):
        return {"t": "dict", "v": {k: encode(v, blobs) for k, v in value.items()}}
    if type(value) is CallableSpec:
        return {"t": "callable", "f": value.factory, "p": encode(dict(value.params), blobs)}
    raise Unrepresentable(f"a value of type {type(value).__name__}")


def decode(tree: Any, blobs: list[bytes], depth: int = 0) -> Any:
    """Inverse of encode, accepting only the node types encode makes (nested at most MAX_DEPTH deep)."""
    if not isinstance(tree, dict) or "t" not in tree:
        raise WireError("malformed value")
    if depth > MAX_DEPTH:
        raise WireError("value nested too deeply")
    kind = tree["t"]
    if kind == "none":
        return None
    if kind == "bool":
        return bool(tree["v"])
    if kind == "int":
        return int(str(tree["v"]))
    if kind == "float":
        return float(str(tree["v"]))
    if kind == "complex":
        return complex(float(str(tree["v"][0])), float(str(tree["v"][1])))
    if kind == "str":
        return str(tree["v"])
    if kind in ("array", "scalar"):
        return _decode_array(tree, blobs)
    if kind == "nlist":
        items = _decode_array({**tree, "t": "array"}, blobs).tolist()
        return tuple(items) if tree.get("tuple") else items
    if kind in ("tuple", "list"):
        items = [decode(v, blobs, depth + 1) for v in tree["v"]]
        return tuple(items) if kind == "tuple" else items
    if kind == "dict":
        return {str(k): decode(v, blobs, depth + 1) for k, v in dict(tree["v"]).items()}
    if kind == "callable":
        return CallableSpec(str(tree["f"]), decode(tree["p"], blobs, depth + 1))
    raise WireError(f"unknown value type {kind!r}")


def _decode_array(tree: dict[str, Any], blobs: list[bytes]) -> Any:
    try:
        dtype = np.dtype(str(tree["d"]))
        shape = tuple(int(s) for s in tree["s"])
        data = blobs[int(tree["b"])]
    except (TypeError, ValueError, IndexError, KeyError) as exc:
        raise WireError(f"malformed array: {exc}") from None
    if dtype.kind not in NUMERIC_KINDS or dtype.fields is not None or dtype.hasobject:
        raise WireError(f"array dtype {dtype} is not numeric")
    if any(s < 0 for s in shape) or math.prod(shape) * dtype.itemsize != len(data):
        raise WireError("array size does not match its shape")
    arr = np.frombuffer(data, dtype=dtype).reshape(shape).copy()
    return arr if tree["t"] == "array" else arr[()]


def _float_text(x: float) -> str:
    return repr(x)


def pack(header: dict[str, Any], blobs: list[bytes] | None = None) -> bytes:
    """One frame's bytes."""
    blobs = blobs or []
    head = json.dumps({**header, "nblobs": len(blobs)}, separators=(",", ":")).encode()
    parts = [struct.pack(">I", len(head)), head]
    for blob in blobs:
        parts.append(struct.pack(">Q", len(blob)))
        parts.append(blob)
    return b"".join(parts)


def write_frame(fd: int, header: dict[str, Any], blobs: list[bytes] | None = None) -> None:
    """Write a whole frame to a file descriptor."""
    data = memoryview(pack(header, blobs))
    while data:
        written = os.write(fd, data)
        data = data[written:]


def read_frame(stream: BinaryIO) -> tuple[dict[str, Any], list[bytes]] | None:
    """Read one frame from a blocking stream; None at a clean end of stream."""
    raw = _read_exact(stream, 4, allow_eof=True)
    if raw is None:
        return None
    (size,) = struct.unpack(">I", raw)
    if size > MAX_HEADER:
        raise WireError("frame header too large")
    header = parse_header(_read_exact(stream, size))
    blobs = []
    for _ in range(int(header.get("nblobs", 0))):
        (blen,) = struct.unpack(">Q", _read_exact(stream, 8))
        if blen > MAX_BLOB:
            raise WireError("array too large")
        blobs.append(_read_exact(stream, blen))
    return header, blobs


def parse_header(raw: bytes | None) -> dict[str, Any]:
    """Decode a header, which must be a JSON object."""
    try:
        header = json.loads(raw or b"")
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise WireError("frame header is not JSON (or nested too deeply)") from None
    if not isinstance(header, dict):
        raise WireError("frame header is not an object")
    return header


def _read_exact(stream: BinaryIO, n: int, allow_eof: bool = False) -> bytes | None:
    chunks = []
    left = n
    while left:
        chunk = stream.read(left)
        if not chunk:
            if allow_eof and left == n:
                return None
            raise WireError("stream ended inside a frame")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


class FrameReader:
    """Incremental frame parser for non-blocking reads (the worker's supervision loop)."""

    def __init__(self, limit: int) -> None:
        self.buffer = bytearray()
        self.limit = limit
        self.total = 0
        self.error: WireError | None = None

    def feed(self, data: bytes) -> list[tuple[dict[str, Any], list[bytes], bytes]]:
        """Add bytes; return the frames now complete, each with its raw bytes (to relay as is).

        Bytes that cannot be a frame raise WireError, unless good frames came before them in
        the same data: then those are returned and the error is kept in `error`.
        """
        if self.error is not None:
            raise self.error
        self.total += len(data)
        if self.total > self.limit:
            raise WireError(f"more than {self.limit >> 20} MiB of results: return smaller values")
        self.buffer += data
        frames = []
        while True:
            try:
                frame = self._take()
            except WireError as exc:
                if not frames:
                    raise
                self.error = exc
                return frames
            if frame is None:
                return frames
            frames.append(frame)

    def _take(self) -> tuple[dict[str, Any], list[bytes], bytes] | None:
        buf = self.buffer
        if len(buf) < 4:
            return None
        (size,) = struct.unpack_from(">I", buf, 0)
        if size > MAX_HEADER:
            raise WireError("frame header too large")
        if len(buf) < 4 + size:
            return None
        header = parse_header(bytes(buf[4:4 + size]))
        pos = 4 + size
        blobs = []
        nblobs = header.get("nblobs", 0)
        if not isinstance(nblobs, int) or nblobs < 0:
            raise WireError("malformed frame")
        for _ in range(nblobs):
            if len(buf) < pos + 8:
                return None
            (blen,) = struct.unpack_from(">Q", buf, pos)
            if blen > MAX_BLOB:
                raise WireError("array too large")
            if len(buf) < pos + 8 + blen:
                return None
            blobs.append(bytes(buf[pos + 8:pos + 8 + blen]))
            pos += 8 + blen
        raw = bytes(buf[:pos])
        del buf[:pos]
        return header, blobs, raw
