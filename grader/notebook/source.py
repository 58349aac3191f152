"""A learner file from a function object defined in a notebook: its source, plus what it uses.

Each global name the function uses (directly or through functions it calls) is brought along the way
the notebook bound it: a module becomes its import (`import numpy as np`), a function or class from
another module becomes `from module import name`, a function or class defined in the notebook brings
its own cell source (and, in turn, what it uses), and a plain constant its value. So the notebook's
imports are honoured and only the cells the function depends on are graded.
"""

from __future__ import annotations

import ast
import builtins
import inspect
import textwrap
import types
from typing import Any, Callable

from grader.errors import GradeError

LITERALS = (int, float, complex, str, bytes, bool, type(None))


class NotebookSourceError(GradeError):
    """A function whose source (or a name it uses) cannot be sent to the grader."""


def used_names(code: types.CodeType) -> set[str]:
    """Global (and attribute) names a code object and the code nested in it refer to."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= used_names(const)
    return names


def plain_names(source: str) -> set[str]:
    """Names written as plain names (not attributes) in some source."""
    return {node.id for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Name)}


def function_source(func: Callable[..., Any]) -> str:
    """The source of a function or class, dedented."""
    try:
        return textwrap.dedent(inspect.getsource(func))
    except (OSError, TypeError):
        raise NotebookSourceError(f"cannot read the source of {getattr(func, '__name__', func)!r}: define it "
                                  "with `def` in a cell (or a file), then call check() with it") from None


class Builder:
    """Collects the imports and definitions a function needs, in dependency order."""

    def __init__(self, home: str) -> None:
        self.home = home  # the notebook's module (__main__), whose functions travel as source
        self.imports: list[str] = []
        self.definitions: list[str] = []
        self.done: set[int] = set()

    def add_function(self, func: Any) -> None:
        if id(func) in self.done:
            return
        self.done.add(id(func))
        source = function_source(func)
        if isinstance(func, types.FunctionType):
            if func.__code__.co_freevars:
                raise NotebookSourceError(f"{func.__name__} uses variables of an enclosing function "
                                          f"({', '.join(func.__code__.co_freevars)}): define it at the top level")
            # global names (not locals, not attributes such as the `linalg` of np.linalg)
            names, namespace = used_names(func.__code__) & plain_names(source), func.__globals__
        else:  # a class: the names its methods and body use
            names = plain_names(source)
            namespace = vars(inspect.getmodule(func) or builtins)
        for name in sorted(names):
            if name in namespace:
                self.add_name(name, namespace[name], namespace)
        self.definitions.append(source)

    def add_name(self, name: str, value: Any, namespace: dict[str, Any]) -> None:
        if isinstance(value, types.ModuleType):
            if value.__name__.split(".")[0] == "grader":
                return
            line = f"import {value.__name__}" if value.__name__ == name else f"import {value.__name__} as {name}"
            if line not in self.imports:
                self.imports.append(line)
            return
        module = getattr(value, "__module__", None)
        if (inspect.isfunction(value) or inspect.isclass(value)) and module == self.home:
            self.add_function(value)
            if value.__name__ != name:
                self.definitions.append(f"{name} = {value.__name__}")
            return
        if callable(value) and isinstance(module, str) and "." not in getattr(value, "__qualname__", "."):
            if module.split(".")[0] == "grader":
                return
            line = f"from {module} import {value.__qualname__}" + ("" if value.__qualname__ == name else f" as {name}")
            if line not in self.imports:
                self.imports.append(line)
            return
        if isinstance(value, LITERALS) or (isinstance(value, tuple) and all(isinstance(v, LITERALS) for v in value)):
            text = repr(value)
            try:
                if ast.literal_eval(text) == value:
                    self.definitions.append(f"{name} = {text}")
                    return
            except (ValueError, SyntaxError):
                pass
        if callable(value) or name in vars(builtins):
            return  # something else callable (a bound method...) is left out; a name error will say so
        raise NotebookSourceError(f"check() cannot send the variable `{name}` ({type(value).__name__}) to the "
                                  "grader: compute it inside your function, or make it a plain number or string")


def learner_source(func: Callable[..., Any], function_name: str) -> str:
    """A whole learner file: the imports, the definitions the function uses, the function (named as graded)."""
    if not callable(func) or not hasattr(func, "__code__"):
        raise NotebookSourceError("check() grades a function: pass the function itself, e.g. "
                                  "check(\"determinant\", determinant)")
    if func.__name__ == "<lambda>":
        raise NotebookSourceError("check() needs a function defined with `def`, not a lambda")
    builder = Builder(func.__module__)
    builder.add_function(func)
    if func.__name__ != function_name and function_name in used_names(func.__code__) & plain_names(
            function_source(func)):
        raise NotebookSourceError(f"{func.__name__} calls {function_name}, the name it is graded under: "
                                  f"write the whole answer in one function and pass that one")
    parts = ["# written by grader.check from the notebook's cells", *builder.imports, "", ""]
    parts.append("\n\n".join(d.rstrip("\n") for d in builder.definitions))
    if func.__name__ != function_name:
        parts.append(f"\n\n{function_name} = {func.__name__}")
    return "\n".join(parts) + "\n"
