"""Seeded input generators: `gen(rng, **params) -> {argument: value}`.

Every generator takes a `numpy.random.Generator` made by `np.random.default_rng`, so the
same seed gives the same inputs on any machine. Generators register themselves by name;
a definition may also name `package.module:function`.
"""

from __future__ import annotations

from grader.generators.core import GENERATORS, Generator
from grader.generators import generic  # noqa: F401 - registers `gen: random`, the generic input language


def lookup(name: str) -> Generator:
    """The generator with this registered name or dotted path."""
    return GENERATORS.lookup(name)


__all__ = ["lookup", "GENERATORS", "Generator"]
