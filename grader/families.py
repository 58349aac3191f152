"""Degenerate-input families: the inputs that break plausible learner algorithms (issue 8).

Each exercise's YAML declares, under `families:`, the families that apply to it (with the edge
cases that cover each) and, for the others, why they do not:

    families:
      applies: {zero_column: [singular-zero-column], ...}
      not_applicable: {start_vector: "no iteration", ...}

`grade validate` fails an exercise that names an unknown family, declares a family without a case,
names a case it does not have, or names a case that is not of the family (where membership can be
read off the inputs: a zero column, a zero row, ...). The shipped course declares every family
(tests/test_families.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

import numpy as np

from grader.definition import Exercise
from grader.errors import Problem

Member = Callable[[Mapping[str, Any]], bool]


@dataclass(frozen=True)
class Family:
    """One family of degenerate inputs: what it is, what it breaks, and how to recognise a case of it."""

    name: str
    what: str
    breaks: str
    member: Member | None = None  # None: membership is the author's word (no cheap test)


def _arrays(args: Mapping[str, Any]) -> list[np.ndarray]:
    out = []
    for value in args.values():
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            continue
        if arr.ndim >= 1 and arr.size:
            out.append(arr)
    return out


def _matrices(args: Mapping[str, Any]) -> list[np.ndarray]:
    return [a for a in _arrays(args) if a.ndim == 2]


def _zero_row(args: Mapping[str, Any]) -> bool:
    return any(bool(np.any(np.all(m == 0, axis=1))) for m in _matrices(args))


def _zero_column(args: Mapping[str, Any]) -> bool:
    return any(m.shape[1] > 1 and bool(np.any(np.all(m == 0, axis=0))) for m in _matrices(args))


def _repeated_rows(args: Mapping[str, Any]) -> bool:
    return any(len(np.unique(m, axis=0)) < m.shape[0] for m in _matrices(args))


def _rank_deficient(args: Mapping[str, Any]) -> bool:
    return any(np.linalg.matrix_rank(m) < min(m.shape) for m in _matrices(args))


def _zero_input(args: Mapping[str, Any]) -> bool:
    """An all-zero array, or a matrix with an all-zero row (a zero mask row counts)."""
    arrays = [np.asarray(v) for v in args.values() if isinstance(v, (list, np.ndarray))]
    return any(a.size and (not np.any(a) or (a.ndim == 2 and bool(np.any(~np.any(a, axis=1))))) for a in arrays)



FAMILIES: dict[str, Family] = {f.name: f for f in (
    Family("zero_row", "a matrix with an all-zero row", "elimination without a zero-pivot guard (0/0)", _zero_row),
    Family("zero_column", "a matrix with an all-zero column", "elimination whose pivot search finds only zeros",
           _zero_column),
    Family("repeated_rows", "a matrix with two equal rows", "exact cancellation to a zero pivot", _repeated_rows),
    Family("rank_deficient", "an exactly rank-deficient matrix", "1/s without a cutoff, normal equations",
           _rank_deficient),
    Family("repeated_values", "repeated eigen- or singular values where the answer stays defined",
           "eig for eigh (non-orthogonal vectors), separate eigh calls, gap-based convergence"),
    Family("start_vector", "all-ones or e1 an exact eigenvector, or orthogonal to the dominant one",
           "power iteration from a fixed start vector"),
    Family("zero_component", "a zero entry where an algorithm divides by a component",
           "component-ratio eigenvalues, elementwise division, log(0)"),
    Family("zero_input", "a zero matrix or vector, an all-zero row or mask row",
           "0/0 in a normalisation or a mean", _zero_input),
    Family("scale_extremes", "entries from 1e-11 to 1e8, or beyond float32's range",
           "absolute cutoffs and tolerances, float32, overflow of squares or exponentials"),
    Family("wide_spectrum", "singular values or eigenvalues as far apart as the task allows",
           "relative cutoffs that are too large, slow iterations, Gram-matrix squaring"),
    Family("negative_dominant", "the dominant value (eigenvalue, entry, determinant) negative",
           "abs() or norms where a signed value is asked for"),
)}


def problems(ex: Exercise, declared: Any) -> list[Problem]:
    """What is wrong with an exercise's `families:` declaration (an empty list when it is sound)."""
    if declared is None:
        return []
    found: list[Problem] = []
    cases = {c.name: c for c in ex.edge_cases}
    applies = declared.get("applies", {}) or {}
    skipped = declared.get("not_applicable", {}) or {}
    for name in [*applies, *skipped]:
        if name not in FAMILIES:
            found.append(ex.problem(f"unknown family {name!r} (known: {', '.join(FAMILIES)})", "families"))
    for name in set(applies) & set(skipped):
        found.append(ex.problem(f"family {name!r} is declared both applicable and not applicable", "families"))
    for name, listed in applies.items():
        if not listed:
            found.append(ex.problem(f"family {name!r} is declared applicable but no edge case covers it",
                                    "families", "applies", name))
            continue
        for case_name in listed:
            case = cases.get(case_name)
            if case is None:
                found.append(ex.problem(f"family {name!r}: there is no edge case {case_name!r}",
                                        "families", "applies", name))
                continue
            family = FAMILIES.get(name)
            if family is not None and family.member is not None and case.args is not None \
                    and not family.member(case.args):
                found.append(ex.problem(f"family {name!r}: edge case {case_name!r} is not {family.what}",
                                        "families", "applies", name))
    for name, reason in skipped.items():
        if not isinstance(reason, str) or not reason.strip():
            found.append(ex.problem(f"family {name!r}: say why it does not apply", "families", "not_applicable",
                                    name))
    return found


def undeclared(declared: Any) -> list[str]:
    """Families an exercise neither applies nor rules out."""
    declared = declared or {}
    seen = set(declared.get("applies", {}) or {}) | set(declared.get("not_applicable", {}) or {})
    return [name for name in FAMILIES if name not in seen]
