"""Resolve `package.module:attribute` paths that definitions use to name code."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any


def split(path: str) -> tuple[str, str]:
    """Split `pkg.mod:attr` (or `pkg.mod.attr`) into module and attribute."""
    if ":" in path:
        module, _, attr = path.partition(":")
    else:
        module, _, attr = path.rpartition(".")
    return module, attr


def resolve(path: str) -> Any:
    """Import the module and return the attribute; raise ImportError/AttributeError plainly."""
    module, attr = split(path)
    if not module:
        raise ImportError(f"{path!r} names no module")
    obj = importlib.import_module(module)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj


def add_search_path(folder: Path) -> None:
    """Make a course's own modules (references, generators, checks) importable by dotted path."""
    path = str(folder)
    if path not in sys.path:
        sys.path.append(path)
