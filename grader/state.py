"""The learner's small state file (last results, hints unlocked); grade never requires it."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from grader.results import ExerciseResult


def state_path(root: Path) -> Path:
    return root.parent / ".grade" / "state.json"


def load(root: Path) -> dict[str, Any]:
    try:
        data = json.loads(state_path(root).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(root: Path, data: dict[str, Any]) -> None:
    path = state_path(root)
    try:
        path.parent.mkdir(exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only workspace only loses the convenience


def record_results(root: Path, results: list[ExerciseResult]) -> None:
    data = load(root)
    last = data.setdefault("results", {})
    if not isinstance(last, dict):
        last = data["results"] = {}
    for r in results:
        last[r.exercise] = {"status": r.status.value, "score": r.score, "max_score": r.max_score,
                            "seed": r.seed, "when": int(time.time())}
    save(root, data)


def last_results(root: Path) -> dict[str, Any]:
    results = load(root).get("results", {})
    return results if isinstance(results, dict) else {}


def unlock_hint(root: Path, exercise_id: str, available: int) -> int:
    """Unlock the next hint; return how many are unlocked now (at most `available`)."""
    data = load(root)
    hints = data.setdefault("hints", {})
    if not isinstance(hints, dict):
        hints = data["hints"] = {}
    current = hints.get(exercise_id, 0)
    current = current if isinstance(current, int) else 0
    hints[exercise_id] = min(current + 1, available)
    save(root, data)
    return hints[exercise_id]
