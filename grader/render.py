"""Short, readable text for values shown to learners (abbreviated when large)."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.sandbox.callables import CallableSpec

THRESHOLD = 36


ITEMS = 40  # items of a list or tuple shown before "..."
DEPTH = 8  # nesting shown before "..."


def render_value(value: Any, limit: int = 1200) -> str:
    """A compact rendering of an input, an expected or an actual answer (any value: never raises)."""
    try:
        text = _render(value, 0)
    except Exception:  # noqa: BLE001 - a learner's value no rule below foresaw: say what it is
        text = f"<a value of type {type(value).__name__} that cannot be shown>"
    return text if len(text) <= limit else text[:limit] + " ..."


def _items(value: list[Any] | tuple[Any, ...], depth: int) -> list[str]:
    parts = [_render(v, depth + 1) for v in value[:ITEMS]]
    return parts + ["..."] if len(value) > ITEMS else parts


def _render(value: Any, depth: int) -> str:
    if depth > DEPTH:
        return "..."
    if isinstance(value, CallableSpec):
        return f"<a function given by the grader ({value.factory})>"
    if isinstance(value, tuple):
        parts = _items(value, depth)
        if sum(len(p) for p in parts) > 80 or any("\n" in p for p in parts):
            return "(\n" + "".join("  " + p.replace("\n", "\n  ") + ",\n" for p in parts) + ")"
        return "(" + ", ".join(parts) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, list):
        return "[" + ", ".join(_items(value, depth)) + "]"
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return _render(value[()], depth + 1)  # its scalar: a 0-d complex, string or object array included
    if isinstance(value, np.ndarray) and value.ndim > 0:
        body = np.array2string(value, precision=6, threshold=THRESHOLD, edgeitems=3, max_line_width=100,
                               separator=", ")
        return f"{body}  (shape {value.shape})" if value.size > 3 or value.ndim > 1 else body
    if isinstance(value, str):
        return repr(str(value))[:200]
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (complex, np.complexfloating)):
        c = complex(value)
        return f"{c.real:.10g}{c.imag:+.10g}j"
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.10g}"
    return repr(value)[:200]
