"""Whether an exercise's `args:` agree with the signatures of its stub and its reference: the same names in
the same order (cases are passed by position, and reports name each input by its `args:` name)."""

from __future__ import annotations

import ast
import inspect
from typing import Any, Callable

from grader.definition import Exercise
from grader.errors import Problem


def stub_parameters(ex: Exercise) -> tuple[list[str], bool] | str:
    """The stub function's parameter names (positional, in order) and whether it takes *args; or why not."""
    try:
        tree = ast.parse(ex.stub.read_bytes(), str(ex.stub))
    except (OSError, SyntaxError, ValueError) as exc:
        return f"the stub {ex.stub.name} cannot be read: {exc}"
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == ex.function:
            names = [a.arg for a in (*node.args.posonlyargs, *node.args.args)]
            return names, node.args.vararg is not None
    return f"the stub {ex.stub.name} defines no function {ex.function}"


def reference_parameters(func: Callable[..., Any]) -> tuple[list[str], bool] | None:
    """The reference's positional parameter names and whether it takes *args (None: no signature to read)."""
    try:
        params = list(inspect.signature(func).parameters.values())
    except (TypeError, ValueError):
        return None
    names = [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return names, any(p.kind is p.VAR_POSITIONAL for p in params)


def disagreement(args: tuple[str, ...], names: list[str], varargs: bool) -> bool:
    """Whether a function with these parameters does not take `args` by position under their names (more
    parameters are allowed after them, a *args in place of the rest)."""
    if varargs and len(names) < len(args):
        return names != list(args[:len(names)])
    return names[:len(args)] != list(args)


def problems(ex: Exercise, reference: Callable[..., Any] | None) -> list[Problem]:
    """The signature problems of an exercise, at its `args` field."""
    found: list[Problem] = []
    wanted = f"({', '.join(ex.args)})"
    stub = stub_parameters(ex)
    if isinstance(stub, str):
        found.append(ex.problem(stub, "stub"))
    elif disagreement(ex.args, *stub):
        found.append(ex.problem(f"the stub's {ex.function}({', '.join(stub[0])}) does not take the arguments "
                                f"args lists, {wanted}, in that order", "args"))
    held = reference_parameters(reference) if reference is not None else None
    if held is not None and disagreement(ex.args, *held):
        found.append(ex.problem(f"the reference {ex.reference}({', '.join(held[0])}) does not take the arguments "
                                f"args lists, {wanted}, in that order", "args"))
    return found
