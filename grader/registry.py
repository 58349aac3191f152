"""Named plug-ins (generators, checks, tolerance scales, variant makers) and their lookup.

Each kind has one registry: topic modules register into it on import, definitions name an
entry or a `package.module:function` of their own.
"""

from __future__ import annotations

import importlib
from typing import Callable, Generic, TypeVar

T = TypeVar("T")

TOPICS = (
    "vectors", "matrices", "determinant", "eigen", "norms", "factorization", "svd",
    "pseudoinverse", "hadamard", "entropy", "kl_divergence", "gradient_descent",
)


class Registry(Generic[T]):
    """Entries of one kind by name; `package` holds the topic modules that register into it."""

    def __init__(self, kind: str, package: str | None = None) -> None:
        self.kind = kind
        self.package = package
        self.entries: dict[str, T] = {}
        self._loaded = package is None

    def register(self, name: str) -> Callable[[T], T]:
        """Decorator: register under a name usable in YAML; a name may be taken once."""

        def add(entry: T) -> T:
            if name in self.entries:
                raise ValueError(f"{self.kind} {name!r} registered twice")
            self.entries[name] = entry
            return entry

        return add

    def load_topics(self) -> None:
        """Import the package's topic modules (once), so their entries are registered."""
        if self._loaded:
            return
        self._loaded = True
        for topic in TOPICS:
            module = f"{self.package}.{topic}"
            try:
                importlib.import_module(module)
            except ModuleNotFoundError as exc:
                if exc.name != module:
                    raise

    def get(self, name: str) -> T | None:
        """The registered entry, or None."""
        self.load_topics()
        return self.entries.get(name)

    def lookup(self, name: str) -> T:
        """The entry with this registered name, or the object a dotted path names."""
        if ":" in name or "." in name:
            from grader.dotted import resolve

            found: T = resolve(name)
            return found
        entry = self.get(name)
        if entry is None:
            raise KeyError(f"no {self.kind} is registered under that name (known: {', '.join(sorted(self.entries))})")
        return entry
