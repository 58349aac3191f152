"""A class of submissions for batch tests: perfect, partial, empty, broken and hostile learners."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import LINUX_RUNNER
from test_batch import IDS, REL, correct, make_class, put

SOLUTIONS = Path(__file__).resolve().parent / "solutions"
HOSTILE = Path(__file__).resolve().parent / "hostile"
# quick hostile learners (no time limit or memory limit to wait for)
HOSTILE_PICKS = ("crash-segfault", "crash-abort", "exit-os-exit", "exit-sys-exit", "exit-at-import",
                 "forge-lying-float", "forge-ndarray-subclass", "forge-monkeypatch-comparisons",
                 "signal-the-grader", "tamper-read-other-learner", "leftover-threads")


def make_big_class(dest: Path) -> Path:
    """At least 30 submissions over the three-exercise course in test_batch (COURSE)."""
    make_class(dest)
    for ex in IDS:  # every catalogued solution of one exercise, correct answers for the others
        for source in sorted((SOLUTIONS / ex).glob("*.py"))[:6]:
            folder = dest / f"{ex}-{source.stem}"
            for other in IDS:
                put(folder, REL[other], correct(other) if other != ex else source.read_text())
    for name in HOSTILE_PICKS:
        verdict = json.loads((HOSTILE / name / "verdict.json").read_text())
        if verdict.get("requires") and not LINUX_RUNNER:
            continue  # e.g. signal-the-grader: on the portable runner its kill(-1) reaches every process of the user
        folder = dest / f"hostile-{name}"
        for other in IDS:
            if other == verdict["exercise"]:
                put(folder, REL[other], (HOSTILE / name / "submission.py").read_text())
            else:
                put(folder, REL[other], correct(other))
    for name, target in (("copier-absolute", (dest / "perfect" / REL["determinant"]).resolve()),
                         ("copier-relative", Path("../..") / "perfect" / REL["determinant"])):
        link = dest / name / REL["determinant"]  # a link to another learner's file is refused
        link.parent.mkdir(parents=True)
        link.symlink_to(target)
    return dest

