"""The learner's small state file (last results, hints unlocked); grade never requires it."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

from grader.results import ExerciseResult


def state_path(root: Path) -> Path:
    return root.parent / ".grade" / "state.json"


def home_state_path(root: Path) -> Path:
    """Where the state goes when the course folder cannot take it: under the user's home, one per course."""
    digest = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return Path.home() / ".grade" / "courses" / digest / "state.json"


def load(root: Path) -> dict[str, Any]:
    """The state saved last: the course folder's file, or the one under the home when that is newer."""
    found: list[tuple[float, dict[str, Any]]] = []
    for path in (state_path(root), home_state_path(root)):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                found.append((path.stat().st_mtime, data))
        except (OSError, ValueError, RuntimeError):  # RuntimeError: no home folder known
            continue
    return max(found, key=lambda item: item[0])[1] if found else {}


def save(root: Path, data: dict[str, Any]) -> None:
    for make in (state_path, home_state_path):
        try:
            path = make(root)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
            tmp.replace(path)
            return
        except (OSError, RuntimeError):
            continue  # a read-only workspace and no home: only the convenience is lost


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
