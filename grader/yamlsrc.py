"""Read YAML safely and remember the line of every value, for messages that point at it."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from grader.errors import DefinitionError, Problem

Path_ = tuple[Any, ...]

FLOAT_12 = re.compile(r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""", re.X)


@lru_cache(maxsize=1)
def loaders() -> tuple[Any, Any]:
    """The composing loader (libyaml's C one where PyYAML has it) and the pure one that builds values.

    Both read YAML 1.2 floats such as 1e4 and 1.0e-9 as numbers. yaml is imported here, only when
    a definition is actually parsed (building the compiled course, or `grade validate`).
    """
    import yaml

    class Loader(yaml.SafeLoader):
        """SafeLoader that also reads YAML 1.2 floats as numbers."""

    base = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

    class FastLoader(base):  # type: ignore[misc, valid-type]
        """The C loader (when available) with the same resolver: node marks carry exact lines."""

    for cls in (Loader, FastLoader):
        cls.add_implicit_resolver("tag:yaml.org,2002:float", FLOAT_12, list("-+0123456789."))
    return FastLoader, Loader


def not_utf8(path: Path, raw: bytes, exc: UnicodeDecodeError) -> Problem:
    """Where a definition file stops being UTF-8: its line, column and top-level field."""
    before = raw[:exc.start]
    line = before.count(b"\n") + 1
    column = exc.start - (before.rfind(b"\n") + 1) + 1
    field = ""
    for text in reversed(before.split(b"\n")):
        key = re.match(rb"([A-Za-z_][\w-]*)\s*:", text)
        if key:
            field = key.group(1).decode("ascii")
            break
    return Problem(str(path), line, field, f"column {column}: the byte 0x{raw[exc.start]:02x} is not UTF-8 text: "
                                           "save the file as UTF-8")


def load_with_lines(path: Path) -> tuple[Any, dict[Path_, int]]:
    """Parse a YAML file; return the data and a map from field path to 1-based line."""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except OSError as exc:
        raise DefinitionError([Problem(str(path), None, "", f"cannot read the file: {exc}")]) from None
    except UnicodeDecodeError as exc:
        raise DefinitionError([not_utf8(path, raw, exc)]) from None
    import yaml

    fast, pure = loaders()
    try:
        node = yaml.compose(text, Loader=fast)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc)
        raise DefinitionError([Problem(str(path), line, "", f"not valid YAML: {what}")]) from None
    if node is None:
        return None, {}
    lines: dict[Path_, int] = {}
    problems: list[Problem] = []
    try:
        data = _build(node, (), lines, problems, str(path), pure(""))
    except _TooLarge as exc:
        raise DefinitionError([Problem(str(path), exc.line, "", f"the file expands to more than {MAX_VALUES:,} values "
                                       "(aliases repeated inside aliases?): an exercise needs far fewer")]) from None
    if problems:
        raise DefinitionError(problems)
    return data, lines


MAX_VALUES = 1_000_000  # an alias expands to a copy of what it names: nested, a few lines make billions


class _TooLarge(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def _build(node: Any, at: Path_, lines: dict[Path_, int], problems: list[Problem],
           file: str, loader: Any) -> Any:
    import yaml

    lines[at] = node.start_mark.line + 1
    if len(lines) > MAX_VALUES:
        raise _TooLarge(node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in out:
                problems.append(Problem(file, key_node.start_mark.line + 1, format_path(at + (key,)),
                                        "this key appears twice"))
            out[key] = _build(value_node, at + (key,), lines, problems, file, loader)
            lines[at + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, at + (i,), lines, problems, file, loader) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def format_path(at: Path_) -> str:
    """Render a field path as `hints > 0`-style text, like pre-commit's messages."""
    return " > ".join(str(p) for p in at)


def line_of(lines: dict[Path_, int], at: Path_) -> int | None:
    """Line of the deepest known prefix of a field path."""
    for cut in range(len(at), -1, -1):
        if at[:cut] in lines:
            return lines[at[:cut]]
    return None
