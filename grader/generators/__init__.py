"""Seeded input generators: `gen(rng, **params) -> {argument: value}`.

Every generator takes a `numpy.random.Generator` made by `np.random.default_rng`, so the
same seed gives the same inputs on any machine. Generators register themselves by name;
a definition may also name `package.module:function`.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

from grader.generators.core import REGISTRY, Generator

# Topic modules register their generators on import; each is owned by one topic.
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
            importlib.import_module(f"grader.generators.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"grader.generators.{name}":
                raise


def lookup(name: str) -> Generator:
    """The generator with this registered name or dotted path."""
    if ":" in name or "." in name:
        from grader.dotted import resolve

        func: Callable[..., Any] = resolve(name)
        return func
    _load_topics()
    if name not in REGISTRY:
        raise KeyError(f"no generator is registered under that name (known: {', '.join(sorted(REGISTRY))})")
    return REGISTRY[name]


__all__ = ["lookup", "REGISTRY", "Generator"]
