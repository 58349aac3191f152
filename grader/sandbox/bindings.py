"""Where banned functions are bound among the loaded modules: the tripwires' plan.

One walk over the modules' namespaces indexes every callable by identity and by attribute name; a plan
for any list of banned names is then a few look-ups. The fork server keeps one index while its modules
stay the same (a course bans some twenty different lists: one walk, not twenty). Platform-neutral.
"""

from __future__ import annotations

import fnmatch
import sys
import types
from typing import Iterable

from . import scan

LINALG = "numpy.linalg."
TWIN_MODULE = "numpy.linalg._umath_linalg"  # the C loops behind numpy.linalg's functions, callable directly

Plan = list[tuple[str, str, str]]  # (module, attribute, banned entry)


def twin_entry(qualified: str, banned: list[str]) -> str | None:
    """The banned numpy.linalg function whose C twin `qualified` is (numpy.linalg._umath_linalg.det for
    numpy.linalg.det; .eigh_lo for .eigh; .svd_f for .svd), else None."""
    module, _, name = qualified.rpartition(".")
    if module != TWIN_MODULE:
        return None
    for entry in banned:
        if entry.startswith(LINALG) and "." not in entry[len(LINALG):]:
            base = entry[len(LINALG):]
            if name == base or name == base + "1" or fnmatch.fnmatchcase(name, base + "_*"):
                return entry
    return None


class Bindings:
    """Every callable bound in some modules' namespaces (module objects aside): by identity, and by
    attribute name, in the order found (sys.modules' order, then each namespace's)."""

    def __init__(self, modules: Iterable[str]) -> None:
        self.by_id: dict[int, list[tuple[str, str]]] = {}
        self.by_name: dict[str, list[tuple[str, object]]] = {}
        self.twins: list[tuple[str, object]] = []  # TWIN_MODULE's callables
        for modname in modules:
            module = sys.modules.get(modname)
            if module is None:
                continue
            try:
                items = list(vars(module).items())
            except TypeError:  # an object in sys.modules without a namespace
                continue
            for attr, value in items:
                if not isinstance(attr, str) or isinstance(value, types.ModuleType) or not callable(value):
                    continue
                self.by_id.setdefault(id(value), []).append((modname, attr))
                self.by_name.setdefault(attr, []).append((modname, value))
                if modname == TWIN_MODULE:
                    self.twins.append((attr, value))

    def targets(self, banned: list[str]) -> dict[int, str]:
        """id -> banned entry, for each banned function (or C twin) bound under its own package's modules."""
        roots = {b.split(".")[0] for b in banned}
        last = {b.rsplit(".", 1)[-1] for b in banned}
        patterns = [name for name in last if any(ch in name for ch in "*?[")]
        names = [name for name in last if name in self.by_name]
        if patterns:
            names += [name for name in self.by_name if name not in last
                      and any(fnmatch.fnmatchcase(name, p) for p in patterns)]
        candidates = [(modname, name, value) for name in names for modname, value in self.by_name[name]]
        if "numpy" in roots:  # the C twins carry names of their own (det, eigh_lo, svd_f ...)
            candidates += [(TWIN_MODULE, name, value) for name, value in self.twins]
        found: dict[int, str] = {}
        for modname, name, value in candidates:
            if modname.split(".")[0] not in roots:
                continue
            entry = scan.banned_match(f"{modname}.{name}", banned) or twin_entry(f"{modname}.{name}", banned)
            if entry is not None:
                found.setdefault(id(value), entry)
        return found

    def places(self, targets: dict[int, str]) -> Plan:
        """Every (module, attribute, banned entry) where one of the targets is bound."""
        return [(modname, attr, entry) for key, entry in targets.items() for modname, attr in self.by_id.get(key, ())]


def plan_patches(banned: list[str], modules: list[str] | None = None, index: Bindings | None = None) -> Plan:
    """Every (module, attribute, banned entry) where a banned function, or its C twin, is bound among the
    loaded modules (or only among `modules`): found under the banned names' packages, then bound anywhere
    (`_operator.matmul` is `operator.matmul`), by identity. `index`: the loaded modules' Bindings, if held."""
    everything = index if index is not None else Bindings(list(sys.modules))
    targets = everything.targets(banned)
    where = everything if modules is None else Bindings(modules)
    return where.places(targets)
