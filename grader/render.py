"""Short, readable text for values shown to learners (abbreviated when large)."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.sandbox.callables import CallableSpec

THRESHOLD = 36


def render_value(value: Any, limit: int = 1200) -> str:
    """A compact rendering of an input, an expected or an actual answer."""
    text = _render(value)
    return text if len(text) <= limit else text[:limit] + " ..."


def _render(value: Any) -> str:
    if isinstance(value, CallableSpec):
        return f"<a function given by the grader ({value.factory})>"
    if isinstance(value, tuple):
        parts = [_render(v) for v in value]
        if sum(len(p) for p in parts) > 80 or any("\n" in p for p in parts):
            return "(\n" + "".join("  " + p.replace("\n", "\n  ") + ",\n" for p in parts) + ")"
        return "(" + ", ".join(parts) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, list):
        return "[" + ", ".join(_render(v) for v in value) + "]"
    if isinstance(value, np.ndarray) and value.ndim > 0:
        body = np.array2string(value, precision=6, threshold=THRESHOLD, edgeitems=3, max_line_width=100,
                               separator=", ")
        return f"{body}  (shape {value.shape})" if value.size > 3 or value.ndim > 1 else body
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (complex, np.complexfloating)):
        c = complex(value)
        return f"{c.real:.10g}{c.imag:+.10g}j"
    if isinstance(value, (float, np.floating)) or (isinstance(value, np.ndarray) and value.ndim == 0):
        return f"{float(value):.10g}"
    return repr(value)[:200]
