"""The grader's reading of a learner's source, in the worker: which libraries it imports (to import them
before the ids drop), which numpy and scipy names it uses, and refusing files that cannot be read safely."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import stat
import sys

import numpy as np

from .limits import NEVER_PREIMPORT, PREIMPORT_MAX, SOURCE_LIMIT

def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def library_roots() -> tuple[str, ...]:
    """Folders of the Python installation and its packages: what learner code may read."""
    prefixes = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)}
    roots = set(prefixes) | {os.path.realpath(os.path.dirname(os.__file__)),
                             os.path.realpath(os.path.dirname(os.path.dirname(np.__file__)))}
    for entry in sys.path:
        real = os.path.realpath(entry) if entry else ""
        if real and os.path.isdir(real) and (os.path.basename(real) in ("site-packages", "dist-packages")
                                              or any(_within(real, p) for p in prefixes)):
            roots.add(real)
    return tuple(sorted(roots))


def library_imports(source: str, module_dir: str) -> list[str]:
    """Modules (and submodules) the source imports or reaches by attribute, to import before dropping ids.

    Only names that are not the learner's own modules (next to their file) and not blocked.
    """
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    aliases: dict[str, str] = {}
    names: list[str] = []
    nodes = list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                names.append(alias.name)
                aliases[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname \
                    else alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
            names.extend(f"{node.module}.{a.name}" for a in node.names)  # X.*: what a star import takes
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str) and _called(node.func) in ("import_module", "__import__"):
            names.append(node.args[0].value)
    for node in nodes:
        if isinstance(node, ast.Attribute):
            dotted = _dotted(node)
            if dotted and dotted[0] in aliases:
                full = [*aliases[dotted[0]].split("."), *dotted[1:]]
                names.extend(".".join(full[:i]) for i in range(2, len(full) + 1))
    own = _own_modules(module_dir)
    picked: list[str] = []
    for name in dict.fromkeys(names):
        top = name.split(".")[0]
        if not top.isidentifier() or top in NEVER_PREIMPORT or top in own:
            continue
        picked.append(name)
    return picked[:PREIMPORT_MAX]


TRUSTED_USE = re.compile(r"\b(numpy|np|scipy)\s*\.\s*([A-Za-z_]\w*)(?:\s*\.\s*([A-Za-z_]\w*))?")
TRUSTED_FROM = re.compile(r"\bfrom[ \t]+(numpy|scipy)((?:[ \t]*\.[ \t]*[A-Za-z_]\w*)*)[ \t]+import[ \t]+"
                          r"(\([^)]*\)|[^\n;#]*)")


def trusted_imports(source: str) -> list[str]:
    """numpy's and scipy's submodules the source may use (np.random.x, from scipy import sparse), read
    with a regular expression: the server never parses learner code (that happens in the child)."""
    names: list[str] = []
    for root, first, second in TRUSTED_USE.findall(source):
        base = "numpy" if root == "np" else root
        names += [f"{base}.{first}"] + ([f"{base}.{first}.{second}"] if second else [])
    for root, dotted, imported in TRUSTED_FROM.findall(source):
        module = root + "".join(dotted.split())
        names += [module] + [f"{module}.{n}" for n in re.findall(r"[A-Za-z_]\w*", imported) if n != "as"]
        if imported.strip() == "*":
            names.append(f"{module}.*")  # every name of its __all__, lazily loaded submodules included
    return list(dict.fromkeys(names))[:PREIMPORT_MAX]


def _called(func: ast.AST) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _dotted(node: ast.AST) -> list[str] | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return [node.id, *reversed(parts)]


def _own_modules(folder: str) -> set[str]:
    """Names importable from the learner's folder (their helper modules shadow libraries)."""
    try:
        return {entry.split(".")[0] for entry in os.listdir(folder)}
    except OSError:
        return set()


def read_source(path: str, blocked: tuple[str, ...]) -> tuple[str | None, str | None]:
    """The learner's source, or why it is refused: only a readable regular file outside the grader.

    The server reads it with more privileges than the learner's process has, so it refuses what
    the learner could not read: the grader's and references' folders, /proc, /sys, /dev, and
    (when running as root) files not readable by every user.
    """
    real = os.path.realpath(path)
    if any(_within(real, os.path.realpath(b)) for b in (*blocked, "/proc", "/sys", "/dev")):
        return None, "cannot read the file: it is one of the grader's own files"
    try:
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return None, f"cannot read the file: {exc.strerror}"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, "cannot read the file: it is not a regular file"
        if info.st_size > SOURCE_LIMIT:
            return None, f"the file is larger than {SOURCE_LIMIT >> 20} MiB"
        if hasattr(os, "geteuid") and os.geteuid() == 0 and not info.st_mode & stat.S_IROTH:
            return None, "cannot read the file: learner code runs as an unprivileged user, so the file must " \
                         "be readable by all users (chmod a+r)"
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(SOURCE_LIMIT + 1)
    finally:
        os.close(fd)
    try:
        return decode_source(data), None
    except (UnicodeDecodeError, SyntaxError) as exc:  # SyntaxError: not UTF-8 and no declaration, or an unknown one
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError as bad:
            return None, f"cannot read the file: it is not UTF-8 text ({bad.reason} at byte {bad.start}); save it as " \
                         "UTF-8, or name its encoding in a first-line comment such as # -*- coding: latin-1 -*-"
        return None, f"cannot read the file: {getattr(exc, 'msg', exc)}"


def decode_source(data: bytes) -> str:
    """Python source as Python reads it: UTF-8 unless a BOM or an encoding declaration (PEP 263) says otherwise,
    newlines made \\n (CRLF, as Windows editors save)."""
    return importlib.util.decode_source(data)
