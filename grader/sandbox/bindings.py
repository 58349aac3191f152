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

    def places(self, targets: dict[int, str]) -> Plan:
        """Every (module, attribute, banned entry) where one of the targets is bound."""
        return [(modname, attr, entry) for key, entry in targets.items() for modname, attr in self.by_id.get(key, ())]


def find_targets(banned: list[str], index: Bindings | None = None) -> dict[int, str]:
    """id -> banned entry, for each banned function (or C twin) bound under its own package's modules: from
    the index if given, else by a walk of those packages' modules that looks only at names ending like a
    banned one (cheap: in a learner's process it runs after each module imported where calls are banned)."""
    roots = {b.split(".")[0] for b in banned}
    last = {b.rsplit(".", 1)[-1] for b in banned}
    patterns = [name for name in last if any(ch in name for ch in "*?[")]

    def named(name: str) -> bool:
        return name in last or any(fnmatch.fnmatchcase(name, p) for p in patterns)

    candidates: list[tuple[str, str, object]] = []
    if index is not None:
        names = [name for name in index.by_name if named(name)] if patterns else \
            [name for name in last if name in index.by_name]
        candidates = [(modname, name, value) for name in names for modname, value in index.by_name[name]]
        if "numpy" in roots:  # the C twins carry names of their own (det, eigh_lo, svd_f ...)
            candidates += [(TWIN_MODULE, name, value) for name, value in index.twins]
    else:
        for modname in [m for m in list(sys.modules) if m.split(".")[0] in roots]:
            module = sys.modules.get(modname)
            if module is None:
                continue
            twins = modname == TWIN_MODULE
            candidates += [(modname, attr, value) for attr, value in list(vars(module).items())
                           if twins or (isinstance(attr, str) and named(attr))]
    found: dict[int, str] = {}
    for modname, name, value in candidates:
        if modname.split(".")[0] not in roots or not callable(value) or isinstance(value, types.ModuleType):
            continue
        entry = scan.banned_match(f"{modname}.{name}", banned) or twin_entry(f"{modname}.{name}", banned)
        if entry is not None:
            found.setdefault(id(value), entry)
    return found


def plan_patches(banned: list[str], modules: list[str] | None = None, index: Bindings | None = None) -> Plan:
    """Every (module, attribute, banned entry) where a banned function, or its C twin, is bound among the
    loaded modules (or only among `modules`): found under the banned names' packages, then bound anywhere
    (`_operator.matmul` is `operator.matmul`), by identity. `index`: the loaded modules' Bindings, if held."""
    targets = find_targets(banned, index)
    if index is not None and modules is None:
        return index.places(targets)
    names = list(sys.modules) if modules is None else modules
    return [(modname, attr, targets[id(value)]) for modname in names if sys.modules.get(modname) is not None
            for attr, value in list(vars(sys.modules[modname]).items()) if id(value) in targets]
