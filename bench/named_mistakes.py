"""The share of common mistakes that `grade` names.

The corpus: every file in tests/solutions/<id>/ and exercises/<topic>/mutants/<id>/ that makes a mistake
(mistake_<rule>*.py: a known mistake with a rule; wrong_*.py: one without). Each is graded on seeds 0-2:
- named: some failing case names a mistake (any rule);
- right: a mistake_<rule> file has its own rule named.

Usage: python bench/named_mistakes.py [--exercises DIR] [--list]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEDS = (0, 1, 2)


@dataclass(frozen=True)
class Verdict:
    """What grading one mistaken file gave."""

    exercise: str
    file: Path
    rule: str | None  # the rule a mistake_ file names itself after; None for wrong_ files
    named: frozenset[str]
    passed: bool

    @property
    def right(self) -> bool:
        return self.rule is not None and self.rule in self.named


def corpus(root: Path) -> list[tuple[str, Path]]:
    """(exercise id, file) of every mistake_* and wrong_* file, solutions and mutants."""
    folders = [f for f in sorted((root / "tests" / "solutions").iterdir()) if f.is_dir()]
    folders += [f for f in sorted((root / "exercises").glob("*/mutants/*")) if f.is_dir()]
    return [(folder.name, file) for folder in folders for file in sorted(folder.glob("*.py"))
            if file.stem.split("_")[0] in ("mistake", "wrong")]


def rule_of(file: Path, known: list[str]) -> str | None:
    """The rule a mistake_<rule>[_x].py file is named after (longest known id that fits)."""
    if not file.stem.startswith("mistake_"):
        return None
    rest = file.stem[len("mistake_"):]
    return next((r for r in sorted(known, key=len, reverse=True) if rest == r or rest.startswith(r + "_")), rest)


def measure(exercises: Path) -> list[Verdict]:
    """Grade every file of the corpus against the exercises in the given folder."""
    from grader.catalog import load_catalog
    from grader.grading import Grader
    from grader.sandbox.client import Sandbox

    course = load_catalog(exercises)
    verdicts = []
    with Sandbox() as box:
        grader = Grader(box)
        for exercise_id, file in corpus(ROOT):
            ex = course.get(exercise_id)
            rule = rule_of(file, [m.id for m in ex.mistakes] + ["mutated_input"])
            named: set[str] = set()
            passed = False
            for seed in SEEDS:
                result = grader.grade(ex, file, seed)
                passed |= result.status.value == "passed"
                named |= {c.mistake_id for c in result.cases if not c.passed and c.mistake_id}
            verdicts.append(Verdict(exercise_id, file, rule, frozenset(named), passed))
    return verdicts


def main() -> None:
    """Print the shares."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exercises", type=Path, default=ROOT / "exercises")
    parser.add_argument("--list", action="store_true", help="list the files without a named mistake")
    args = parser.parse_args()
    verdicts = measure(args.exercises.resolve())
    mistakes = [v for v in verdicts if v.rule is not None]
    named = [v for v in verdicts if v.named]
    print(f"files making a mistake: {len(verdicts)} ({len(mistakes)} mistake_*, {len(verdicts) - len(mistakes)} wrong_*)")
    print(f"a mistake named:        {len(named)} of {len(verdicts)} ({100 * len(named) / len(verdicts):.1f}%)")
    right = sum(v.right for v in mistakes)
    print(f"mistake_* files named by their own rule: {right} of {len(mistakes)} "
          f"({100 * right / max(1, len(mistakes)):.1f}%)")
    passed = [v for v in verdicts if v.passed]
    if passed:
        print("passed (should fail): " + ", ".join(str(v.file.relative_to(ROOT)) for v in passed))
    if args.list:
        for v in verdicts:
            if not v.named or (v.rule and not v.right):
                print(f"  unnamed: {v.file.relative_to(ROOT)}" + (f" (named {sorted(v.named)})" if v.named else ""))


if __name__ == "__main__":
    main()
