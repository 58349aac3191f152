"""Resolve `package.module:attribute` paths that definitions use to name code.

A course's own modules (references, generators, checks, mistake models) live in its course root,
the folder above `exercises/`: `reference: myref:relu` is the function relu of
COURSE_ROOT/myref.py. Loading a definition adds its course root to the places searched (after
Python's own path), and a path that cannot be imported says where it was looked for.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

_course_roots: list[Path] = []


def split(path: str) -> tuple[str, str]:
    """Split `pkg.mod:attr` (or `pkg.mod.attr`) into module and attribute."""
    if ":" in path:
        module, _, attr = path.partition(":")
    else:
        module, _, attr = path.rpartition(".")
    return module, attr


def resolve(path: str) -> Any:
    """Import the module and return the attribute; ImportError/AttributeError saying where it looked."""
    module, attr = split(path)
    if not module:
        raise ImportError(f"{path!r} names no module: write module:function, such as myref:{attr or 'relu'}")
    obj = _import(module)
    where = _origin(obj)
    for part in attr.split("."):
        if not hasattr(obj, part):
            raise AttributeError(f"{module}{where} has no {part!r}")
        obj = getattr(obj, part)
    return obj


def _import(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name is not None and (module + ".").startswith(exc.name + "."):
            raise ImportError(_not_found(module, exc.name)) from None
        raise ImportError(f"importing {module!r} failed: {type(exc).__name__}: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - the course's module is broken: say how, never a traceback
        raise ImportError(f"importing {module!r} failed: {type(exc).__name__}: {exc}") from None


def _not_found(module: str, missing: str) -> str:
    """Where `missing` (module or one of its parents) was looked for, and what shadows it if anything."""
    parent, _, leaf = missing.rpartition(".")
    if parent in sys.modules:
        loaded = sys.modules[parent]
        text = f"no module {missing!r}: {parent!r} was imported{_origin(loaded)}, which has no {leaf!r}"
        folder = Path(*parent.split("."))
        for root in _course_roots:
            if (root / folder).is_dir() and not _origin(loaded).startswith(f" ({root / folder}"):
                text += (f"; the course root {root} has a {folder}/ folder too, but another {parent!r} comes "
                         f"first on Python's path: give the course's module another name")
                break
        return text
    roots = ", ".join(str(r) for r in _course_roots) or "none loaded"
    file = Path(*missing.split("."))
    return (f"no module {missing!r}: looked for {file}.py or {file}/ in the course root ({roots}: the folder "
            f"above exercises/) and on Python's path")


def _origin(module: Any) -> str:
    file = getattr(module, "__file__", None)
    if file:
        return f" ({file})"
    paths = list(getattr(module, "__path__", []) or [])
    return f" ({paths[0]})" if paths else ""


def add_search_path(folder: Path) -> None:
    """Make a course's own modules (references, generators, checks) importable by dotted path."""
    folder = folder.resolve()
    if folder not in _course_roots:
        _course_roots.append(folder)
    path = str(folder)
    if path not in sys.path:
        sys.path.append(path)
        importlib.invalidate_caches()


def course_roots() -> list[Path]:
    """The course roots searched so far, in the order they were added."""
    return list(_course_roots)
