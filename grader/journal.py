"""The batch journal: one JSON line per finished submission, so a killed batch can resume.

The journal sits next to the gradebook (`gradebook.csv.journal`). Its first line names the
settings (seed, cases, exercises); each later line is one submission's results, written as
it finishes, flushed and fsynced. A last line cut short by a kill is ignored (and cut off
before anything is appended). `--resume` reuses an entry only when the submission's files
hash the same as when it was graded.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path
from typing import Any, Iterator

from grader.errors import GradeError
from grader.gradebook import not_regular
from grader.results import CaseResult, ExerciseResult, Mismatch, Status

VERSION = 1


def journal_path(output: Path) -> Path:
    """Where the journal of the gradebook at output lives: beside it (beside the file a link names); for an
    output that is no regular file (/dev/null), in the temporary folder, named after it."""
    real = Path(os.path.realpath(output))
    if not_regular(real):
        import tempfile

        digest = hashlib.sha256(str(real).encode("utf-8", "surrogateescape")).hexdigest()[:16]
        return Path(tempfile.gettempdir()) / f"grade-{real.name}-{digest}.journal"
    return real.with_name(real.name + ".journal")


def walk_files(folder: Path) -> Iterator[tuple[str, str, bytes]]:
    """(relative path, "file", "link" or "link-outside", content or link target) for everything under folder, sorted."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        base = Path(dirpath)
        for name in sorted(filenames + [d for d in dirnames if (base / d).is_symlink()]):
            path = base / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                target = os.readlink(path).encode("utf-8", "surrogateescape")
                yield rel, "link-outside" if links_outside(path, folder) else "link", target
            elif path.is_file():
                try:
                    yield rel, "file", path.read_bytes()
                except OSError:
                    yield rel, "unreadable", b""


def links_outside(path: Path, folder: Path) -> bool:
    """Whether a link leads to an existing file outside the submission folder."""
    try:
        target = path.resolve()
        target.relative_to(folder.resolve())
        return False
    except ValueError:
        try:
            return target.is_file()
        except OSError:
            return False
    except (OSError, RuntimeError):  # RuntimeError: a link that leads to itself (a loop)
        return False


def content_hash(folder: Path) -> str:
    """A hash of every file (path, kind and bytes) in a submission folder."""
    digest = hashlib.sha256()
    for rel, kind, data in walk_files(folder):
        for part in (rel.encode("utf-8", "surrogateescape"), kind.encode(), data):
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
    return digest.hexdigest()


def result_to_dict(result: ExerciseResult) -> dict[str, Any]:
    """An exercise's result as plain JSON data (every field, so it comes back identical)."""
    return dataclasses.asdict(result)


def result_from_dict(data: dict[str, Any]) -> ExerciseResult:
    """The inverse of result_to_dict."""
    cases = []
    for case in data["cases"]:
        mismatch = Mismatch(**case["mismatch"]) if case.get("mismatch") is not None else None
        cases.append(CaseResult(**{**case, "status": Status(case["status"]), "mismatch": mismatch}))
    return ExerciseResult(**{**data, "status": Status(data["status"]), "cases": tuple(cases)})


@dataclasses.dataclass(frozen=True)
class Entry:
    """One finished submission, as the journal holds it."""

    name: str
    digest: str
    results: list[ExerciseResult]
    problems: list[str]


class Journal:
    """Append-only record of finished submissions for one gradebook and one set of settings."""

    def __init__(self, path: Path, settings: dict[str, Any], resume: bool) -> None:
        self.path = path
        self.settings = {"journal": VERSION, **settings}
        self.entries: dict[str, Entry] = {}
        self.discarded = ""
        if resume and path.exists():
            self._load()
        else:
            self._start()
        try:
            self.file = open(path, "a", encoding="utf-8")
        except OSError as exc:
            raise GradeError(f"cannot write the batch journal {path}: {exc}") from None

    def _start(self) -> None:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(json.dumps(self.settings) + "\n")
                out.flush()
                os.fsync(out.fileno())
        except OSError as exc:
            raise GradeError(f"cannot write the batch journal {self.path}: {exc}") from None

    def _load(self) -> None:
        data = self.path.read_bytes()
        good = 0  # bytes up to the end of the last whole, valid line
        lines = data.split(b"\n")
        for number, line in enumerate(lines[:-1]):  # the piece after the last newline is torn or empty
            try:
                record = json.loads(line)
            except ValueError:
                if number == len(lines) - 2:
                    break  # a torn last line (the newline made it, the text did not)
                raise GradeError(f"{self.path}, line {number + 1}: not a journal line; "
                                 "delete the journal to grade from the start") from None
            if number == 0:
                if record != self.settings:
                    self.discarded = "the seed, cases or exercises changed since it was written"
                    self._start()
                    return
            else:
                try:
                    entry = Entry(record["submission"], record["hash"],
                                  [result_from_dict(r) for r in record["results"]], list(record["problems"]))
                except (KeyError, TypeError, ValueError) as exc:
                    raise GradeError(f"{self.path}, line {number + 1}: field {exc} is missing or wrong; "
                                     "delete the journal to grade from the start") from None
                self.entries[entry.name] = entry
            good += len(line) + 1
        if good == 0:
            self._start()
            return
        if good < len(data):
            with open(self.path, "r+b") as out:
                out.truncate(good)
                os.fsync(out.fileno())

    def finished(self, name: str, digest: str) -> Entry | None:
        """The journal's entry for this submission when its files are unchanged since."""
        entry = self.entries.get(name)
        return entry if entry is not None and entry.digest == digest else None

    def append(self, entry: Entry) -> None:
        """Record one finished submission durably (flushed and fsynced) before going on."""
        line = json.dumps({"submission": entry.name, "hash": entry.digest,
                           "results": [result_to_dict(r) for r in entry.results], "problems": entry.problems},
                          ensure_ascii=True)
        try:
            self.file.write(line + "\n")
            self.file.flush()
            os.fsync(self.file.fileno())
        except OSError as exc:
            raise GradeError(f"cannot write the batch journal {self.path}: {exc}") from None
        self.entries[entry.name] = entry

    def close(self) -> None:
        """Close the journal file."""
        self.file.close()
