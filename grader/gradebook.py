"""The gradebook files: CSV (a score per exercise and a total) and JSON (every case), written atomically."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from grader.errors import GradeError
from grader.results import RunReport

if TYPE_CHECKING:
    from grader.batch import Gradebook

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def number(value: float) -> str:
    """A score as the gradebook writes it: at most 4 decimals, no trailing zeros."""
    text = f"{round(value, 4):.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def safe_cell(text: str) -> str:
    """Text a spreadsheet will not run as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(book: Gradebook) -> str:
    """One row per submission: its name, a score per exercise, and the total."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["submission", *(ex.id for ex in book.exercises), "total"])
    for sub, results in book.rows:
        writer.writerow([safe_cell(sub.name), *(number(r.score) for r in results),
                         number(sum(r.score for r in results))])
    return out.getvalue()


def to_json(book: Gradebook) -> str:
    """The gradebook with every case's details (hidden cases redacted, paths inside each submission)."""
    from grader.hidden import redact, relative_file
    from grader.report.json import exercise_dict

    submissions = []
    for sub, results in book.rows:
        report = redact(RunReport(tuple(results), book.seed))
        exercises = []
        for result in report.exercises:
            data = exercise_dict(result)
            data["file"] = relative_file(result.file, sub.path)
            data["message"] = data["message"].replace(result.file, data["file"]) if result.file else data["message"]
            exercises.append(data)
        submissions.append({"submission": sub.name, "total": round(report.score, 6),
                            "max_total": book.max_total, "passed": sum(e.passed for e in results),
                            "exercises": exercises})
    data = {"seed": book.seed, "cases": book.cases, "max_total": book.max_total,
            "exercises": [{"id": ex.id, "topic": ex.topic, "title": ex.title, "max_score": ex.points}
                          for ex in book.exercises],
            "submissions": submissions}
    return json.dumps(data, indent=2, ensure_ascii=True) + "\n"


def not_regular(path: Path) -> bool:
    """Whether something that is no regular file (a device such as /dev/null, a pipe) is at path."""
    try:
        return path.exists() and not path.is_file()
    except OSError:
        return False


def write_atomically(path: Path, text: str) -> None:
    """Write a whole file or nothing: a temporary file beside it, fsynced, then renamed over it. A link is
    followed (the file it names is written, the link stays), and what is no regular file (/dev/null, a pipe)
    is written through: renamed over, it would be replaced by a regular file."""
    try:
        path = Path(os.path.realpath(path))
        if not_regular(path):
            with open(path, "w", encoding="utf-8") as out:
                out.write(text)
            return
    except OSError as exc:
        raise GradeError(f"cannot write the gradebook to {path}: {exc}") from None
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        with open(tmp, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        tmp.replace(path)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only place: there is no temporary file to remove
        raise GradeError(f"cannot write the gradebook to {path}: {exc}") from None
