"""Find banned calls in Python source by reading it: aliases, getattr and imports resolved.

Standalone (stdlib only): the grader runs it on the learner's file before running it, and
the learner's process runs it on any source compiled at run time (exec, eval, imports of
files that are not libraries).
"""

from __future__ import annotations

import ast
import fnmatch
from dataclasses import dataclass

OPERATOR = "@"
SOURCE_LIMIT = 4 << 20  # characters; the runner refuses larger files
METHOD_PREFIX = "numpy.ndarray."
COMPUTED_NAME = "getattr with a name built at run time"  # reported where ndarray methods are banned
DYNAMIC_LOOKUPS = ("getattr", "attrgetter", "methodcaller")


@dataclass(frozen=True)
class Finding:
    """A banned name used at a line of a file."""

    name: str
    line: int
    file: str


def canonical(qualified: str) -> str:
    """Drop private module segments: numpy.linalg._linalg.det -> numpy.linalg.det."""
    parts = qualified.split(".")
    return ".".join([parts[0]] + [p for p in parts[1:-1] if not p.startswith("_")] + parts[-1:])


def matches(qualified: str, banned: str) -> bool:
    """Whether a resolved name is the banned one (or matches its pattern), under any alias."""
    name = canonical(qualified)
    if any(ch in banned for ch in "*?["):
        return fnmatch.fnmatchcase(name, banned) or fnmatch.fnmatchcase(qualified, banned)
    if name == banned or qualified == banned:
        return True
    # numpy.ma.dot, numpy.core.multiarray.dot ...: same package, same function name
    return (name.split(".")[0] == banned.split(".")[0] and name.rsplit(".", 1)[-1] == banned.rsplit(".", 1)[-1]
            and "." in name and "." in banned)


def banned_match(qualified: str, banned: list[str]) -> str | None:
    """The first banned entry a resolved name matches."""
    for entry in banned:
        if entry != OPERATOR and not entry.startswith(METHOD_PREFIX) and matches(qualified, entry):
            return entry
    return None


class _Scanner(ast.NodeVisitor):
    def __init__(self, banned: list[str], file: str) -> None:
        self.banned = banned
        self.file = file
        self.aliases: dict[str, str] = {}
        self.findings: list[Finding] = []
        self.methods = {b[len(METHOD_PREFIX):]: b for b in banned if b.startswith(METHOD_PREFIX)}

    def report(self, name: str, node: ast.AST) -> None:
        self.findings.append(Finding(name, getattr(node, "lineno", 0), self.file))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.asname:
                self.aliases[alias.asname] = alias.name
            else:
                root = alias.name.split(".")[0]
                self.aliases[root] = root
            self._check(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.module is None or node.level:
            return
        for alias in node.names:
            qualified = f"{node.module}.{alias.name}"
            self.aliases[alias.asname or alias.name] = qualified
            self._check(qualified, node)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.generic_visit(node)
        target = self.resolve(node.value)
        if target is not None:
            for t in node.targets:
                if isinstance(t, ast.Name):
                    self.aliases[t.id] = target

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load) and node.id in self.aliases:
            self._check(self.aliases[node.id], node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        qualified = self.resolve(node)
        if qualified is not None:
            self._check(qualified, node)
            return  # the chain's own prefixes are not separate uses
        if node.attr in self.methods:
            self.report(self.methods[node.attr], node)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        qualified = self.resolve(node)
        if qualified is not None:
            self._check(qualified, node)
        if (isinstance(node.func, ast.Name) and node.func.id == "getattr" and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
                and node.args[1].value in self.methods):
            self.report(self.methods[node.args[1].value], node)
        elif (self.methods and isinstance(node.func, ast.Name) and node.func.id in DYNAMIC_LOOKUPS
              and len(node.args) >= 2 - (node.func.id != "getattr") and not all(
                  isinstance(a, ast.Constant) for a in node.args[1 if node.func.id == "getattr" else 0:])):
            self.report(COMPUTED_NAME, node)  # getattr(A, "__mat" + "mul__"): a method name built at run time
        self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        if isinstance(node.op, ast.MatMult) and OPERATOR in self.banned:
            self.report(OPERATOR, node)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.op, ast.MatMult) and OPERATOR in self.banned:
            self.report(OPERATOR, node)
        self.generic_visit(node)

    def resolve(self, node: ast.AST) -> str | None:
        """The qualified name an expression denotes, when it can be read off the source."""
        if isinstance(node, ast.Name):
            return self.aliases.get(node.id)
        if isinstance(node, ast.Attribute):
            base = self.resolve(node.value)
            return f"{base}.{node.attr}" if base else None
        if isinstance(node, ast.Call):
            func = node.func
            name = self.resolve(func) if not isinstance(func, ast.Name) else (
                self.aliases.get(func.id) or func.id)
            first = node.args[0] if node.args else None
            if name == "getattr" and len(node.args) >= 2:
                base = self.resolve(node.args[0])
                attr = node.args[1]
                if base and isinstance(attr, ast.Constant) and isinstance(attr.value, str):
                    return f"{base}.{attr.value}"
            if name in ("__import__", "importlib.import_module") and isinstance(first, ast.Constant) \
                    and isinstance(first.value, str):
                return first.value if name != "__import__" or not node.args[3:] else first.value
        return None

    def _check(self, qualified: str, node: ast.AST) -> None:
        entry = banned_match(qualified, self.banned)
        if entry is not None:
            self.report(entry, node)


def scan_source(source: str, file: str, banned: list[str]) -> list[Finding]:
    """Every use of a banned name in the source, in line order (none if it does not parse)."""
    if not banned:
        return []
    if len(source) > SOURCE_LIMIT:
        return []  # the runner refuses such a file anyway
    try:
        tree = ast.parse(source, filename=file)
    except (SyntaxError, ValueError, RecursionError, MemoryError):  # a hostile source: nesting, size
        return []
    scanner = _Scanner(banned, file)
    scanner.visit(tree)
    seen: set[tuple[str, int]] = set()
    unique = []
    for f in sorted(scanner.findings, key=lambda f: f.line):
        if (f.name, f.line) not in seen:
            seen.add((f.name, f.line))
            unique.append(f)
    return unique
