"""Acceptance tests, by name: `allclose` and property checks for answers that are not unique.

A definition names a registered check or `package.module:function`; topic modules
register theirs on import.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

from grader.checks.core import REGISTRY, VARIANTS, Check, CheckContext, Shape, allclose, close, items

TOPIC_MODULES = (
    "vectors", "matrices", "determinant", "eigen", "norms", "factorization", "svd",
    "pseudoinverse", "hadamard", "entropy", "kl_divergence", "gradient_descent",
)
_loaded = False


def _load_topics() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for name in TOPIC_MODULES:
        try:
            importlib.import_module(f"grader.checks.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"grader.checks.{name}":
                raise


def lookup(name: str) -> Check:
    """The check with this registered name or dotted path."""
    if ":" in name or "." in name:
        from grader.dotted import resolve

        func: Check = resolve(name)
        return func
    _load_topics()
    if name not in REGISTRY:
        raise KeyError(f"no check is registered under that name (known: {', '.join(sorted(REGISTRY))})")
    return REGISTRY[name]


def variants_for(name: str) -> "Callable[[CheckContext, Any], list[tuple[str, Any]]]":
    """The maker of other valid answers registered for a check (none for most)."""
    _load_topics()
    return VARIANTS.get(name, lambda ctx, rng: [])


__all__ = ["lookup", "Check", "CheckContext", "Shape", "allclose", "close", "items"]
