"""Acceptance tests, by name: `allclose` and property checks for answers that are not unique.

A definition names a registered check or `package.module:function`; topic modules
register theirs on import.
"""

from __future__ import annotations

from typing import Any, Callable

from grader.checks.core import CHECKS, VARIANTS, Check, CheckContext, Shape, allclose, close, items


def lookup(name: str) -> Check:
    """The check with this registered name or dotted path."""
    return CHECKS.lookup(name)


def variants_for(name: str) -> Callable[[CheckContext, Any], list[tuple[str, Any]]]:
    """The maker of other valid answers registered for a check (none for most)."""
    CHECKS.load_topics()
    return VARIANTS.get(name) or (lambda ctx, rng: [])


__all__ = ["lookup", "variants_for", "Check", "CheckContext", "Shape", "allclose", "close", "items"]
