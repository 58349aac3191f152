"""The compiled course: validated definitions kept as JSON under `.grade/`, so YAML and JSON Schema stay off the hot path.

The file `<course>/.grade/compiled.json` (or, when the course folder is not writable, a file
under `$XDG_CACHE_HOME/grade/` named after the exercises folder's path) holds, for every
definition file, its parsed data, the line of every field and the problems found in it. It is
trusted only when its key matches: the grader's version, the schema, and a hash of the bytes of
every definition file; and only when every stub it names still exists (or is still missing) as
when it was built. Anything else (another version, an edited or added YAML file, a stub created
or removed, a corrupt or unreadable cache file) rebuilds it transparently. The file is JSON, never
pickle: a cache file is data, it cannot run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from grader import __version__
from grader.errors import Problem

FORMAT = 1
FILE_NAME = "compiled.json"
SCHEMA_PATH = Path(__file__).with_name("schema.json")


def cache_path(root: Path) -> Path:
    """Where the compiled course of an exercises folder lives: `.grade/` beside it, or the user's cache."""
    local = root.parent / ".grade"
    if _writable(local):
        return local / FILE_NAME
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "grade"
    tag = hashlib.sha256(str(root).encode()).hexdigest()[:16]
    return base / f"compiled-{tag}.json"


def _writable(folder: Path) -> bool:
    if folder.is_dir():
        return os.access(folder, os.W_OK)
    return os.access(folder.parent, os.W_OK)


def course_key(files: list[Path]) -> str:
    """Hash of what a compiled course depends on: version, schema, the definition files' names and bytes."""
    digest = hashlib.sha256()
    digest.update(f"{FORMAT}\0{__version__}\0{sys.version_info[:2]}\0".encode())
    digest.update(SCHEMA_PATH.read_bytes())
    for path in files:
        digest.update(b"\0" + str(path).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\1unreadable")
    return digest.hexdigest()


def read(root: Path, key: str) -> list[dict[str, Any]] | None:
    """The compiled entries for this key, or None when the cache is missing, stale or corrupt."""
    try:
        blob = json.loads(cache_path(root).read_text(encoding="utf-8"))
        if blob["key"] != key or blob["format"] != FORMAT:
            return None
        entries = blob["entries"]
        for entry in entries:
            for stub, existed in entry["stubs"].items():
                if Path(stub).is_file() != existed:
                    return None
        return [_decode(entry) for entry in entries]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write(root: Path, key: str, entries: list[dict[str, Any]]) -> None:
    """Store the compiled course (atomically); a course that cannot be stored is simply not cached."""
    encoded = [_encode(entry) for entry in entries]
    if any(e is None for e in encoded):
        return
    target = cache_path(root)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}")
        tmp.write_text(json.dumps({"format": FORMAT, "key": key, "entries": encoded}), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        return


def entry(path: Path, data: Any, lines: dict[tuple[Any, ...], int] | None, problems: list[Problem],
          stubs: dict[str, bool]) -> dict[str, Any]:
    """One definition file's compiled form: its data and lines (when valid), or its problems."""
    return {"path": path, "data": data, "lines": lines, "problems": problems, "stubs": stubs}


def _encode(item: dict[str, Any]) -> dict[str, Any] | None:
    lines = item["lines"]
    out = {
        "path": str(item["path"]),
        "data": item["data"],
        "lines": None if lines is None else [[list(at), line] for at, line in lines.items()],
        "problems": [[p.file, p.line, p.field, p.message] for p in item["problems"]],
        "stubs": item["stubs"],
    }
    if not _exact(out["data"]):
        return None  # something JSON cannot say exactly (an integer key, a date): not cached
    return out


def _exact(value: Any) -> bool:
    """Whether JSON gives this value back exactly (floats, inf and nan included: Python's json keeps them)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return True
    if isinstance(value, list):
        return all(_exact(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _exact(v) for k, v in value.items())
    return False


def _decode(raw: dict[str, Any]) -> dict[str, Any]:
    lines = raw["lines"]
    return {
        "path": Path(raw["path"]),
        "data": raw["data"],
        "lines": None if lines is None else {tuple(at): int(line) for at, line in lines},
        "problems": [Problem(str(f), ln if ln is None else int(ln), str(fld), str(msg))
                     for f, ln, fld, msg in raw["problems"]],
        "stubs": {str(k): bool(v) for k, v in raw["stubs"].items()},
    }
