"""The learner's progress through the course, read from the state file (which it never requires)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from grader.catalog import Catalog

BAR_WIDTH = 20


@dataclass(frozen=True)
class TopicProgress:
    """How many exercises of one topic the learner has passed (their last result)."""

    topic: str
    passed: int
    total: int
    exercises: tuple[tuple[str, str], ...]  # (exercise id, last status or "-")


@dataclass(frozen=True)
class Progress:
    """Overall and per-topic progress, topics in course order."""

    topics: tuple[TopicProgress, ...]

    @property
    def passed(self) -> int:
        return sum(t.passed for t in self.topics)

    @property
    def total(self) -> int:
        return sum(t.total for t in self.topics)


def last_status(last: dict[str, Any], exercise_id: str) -> str:
    """The status of the learner's last grading of an exercise, or "-" if never graded."""
    seen = last.get(exercise_id)
    status = seen.get("status") if isinstance(seen, dict) else None
    return status if isinstance(status, str) else "-"


def compute(cat: Catalog, last: dict[str, Any]) -> Progress:
    """Progress of the course in `cat` given the last results recorded in the state file."""
    topics: dict[str, list[tuple[str, str]]] = {}
    for ex in cat.ordered():
        topics.setdefault(ex.topic, []).append((ex.id, last_status(last, ex.id)))
    return Progress(tuple(TopicProgress(topic, sum(s == "passed" for _, s in items), len(items), tuple(items))
                          for topic, items in topics.items()))


def next_unfinished(cat: Catalog, last: dict[str, Any], after: str | None = None) -> str | None:
    """The first exercise in course order not yet passed (after `after`, wrapping round); None when all passed."""
    ids = [ex.id for ex in cat.ordered()]
    start = ids.index(after) + 1 if after in ids else 0
    for exercise_id in ids[start:] + ids[:start]:
        if exercise_id != after and last_status(last, exercise_id) != "passed":
            return exercise_id
    return None


def bar(done: int, total: int, width: int = BAR_WIDTH) -> str:
    """A plain-text bar, e.g. [#####---------------]."""
    filled = round(width * done / total) if total else 0
    return "[" + "#" * filled + "-" * (width - filled) + "]"


def render(progress: Progress) -> str:
    """The overall line and one bar per topic, as plain text."""
    width = max((len(t.topic) for t in progress.topics), default=0)
    lines = [f"Progress: {progress.passed}/{progress.total} passed {bar(progress.passed, progress.total)}"]
    for t in progress.topics:
        lines.append(f"  {t.topic:<{width}} {bar(t.passed, t.total, 10)} {t.passed}/{t.total}")
    return "\n".join(lines) + "\n"


def as_json(progress: Progress) -> dict[str, Any]:
    """Progress as plain data for tools."""
    return {"passed": progress.passed, "total": progress.total,
            "topics": [{"topic": t.topic, "passed": t.passed, "total": t.total,
                        "exercises": [{"id": i, "status": s} for i, s in t.exercises]} for t in progress.topics]}
