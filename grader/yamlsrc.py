"""Read YAML safely and remember the line of every value, for messages that point at it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import re

import yaml

from grader.errors import DefinitionError, Problem

Path_ = tuple[Any, ...]


class Loader(yaml.SafeLoader):
    """SafeLoader that also reads YAML 1.2 floats such as 1e4 and 1.0e-9 as numbers."""


Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""", re.X),
    list("-+0123456789."))


def load_with_lines(path: Path) -> tuple[Any, dict[Path_, int]]:
    """Parse a YAML file; return the data and a map from field path to 1-based line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DefinitionError([Problem(str(path), None, "", f"cannot read the file: {exc}")]) from None
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc)
        raise DefinitionError([Problem(str(path), line, "", f"not valid YAML: {what}")]) from None
    if node is None:
        return None, {}
    lines: dict[Path_, int] = {}
    problems: list[Problem] = []
    data = _build(node, (), lines, problems, str(path), Loader(""))
    if problems:
        raise DefinitionError(problems)
    return data, lines


def _build(node: yaml.Node, at: Path_, lines: dict[Path_, int], problems: list[Problem],
           file: str, loader: Loader) -> Any:
    lines[at] = node.start_mark.line + 1
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
