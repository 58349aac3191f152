"""`grade batch DIR`: many submissions, one folder each, graded in parallel into a gradebook.

Each worker process has its own isolated runner (Sandbox) and its own cache of cases and
expected answers, so the references run once per worker, not once per submission. A
submission is one task; its results come back exercise by exercise, so a worker that dies
(whatever the learner's code did) loses nothing already graded: the parent fills in the
rest of that submission as errors, starts a new worker and goes on. The learner's code is
bounded by its own limits (time per case and exercise, memory, output); nothing one
submission does holds up the others beyond the worker it runs in.

The seed defaults to 0 (not a fresh one), so a rerun reproduces the same gradebook.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Iterator

import click

from grader import catalog
from grader.submission import learner_file, unusable_submission_file
from grader.definition import Exercise
from grader.errors import DefinitionError, GradeError, MissingFile, SandboxError
from grader.results import CaseResult, ExerciseResult, RunReport, Status

DEFAULT_SEED = 0
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Submission:
    """One learner's folder."""

    name: str
    path: Path


@dataclass
class Gradebook:
    """Every submission's results, in submission order, exercises in course order."""

    exercises: list[Exercise]
    seed: int
    cases: int | None
    rows: list[tuple[Submission, list[ExerciseResult]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def max_total(self) -> float:
        return sum(ex.points for ex in self.exercises)


def find_submissions(folder: Path) -> list[Submission]:
    """The submission folders inside folder (hidden ones skipped), by name."""
    if not folder.is_dir():
        raise MissingFile(f"the submissions folder {folder} does not exist")
    return [Submission(p.name, p) for p in sorted(folder.iterdir(), key=lambda p: p.name)
            if p.is_dir() and not p.name.startswith(".")]


# ------------------------------------------------------------------ grading, in a worker


def stopped_result(ex: Exercise, path: Path, seed: int, why: str) -> ExerciseResult:
    """The verdict when the grader itself could not finish an exercise for this file."""
    message = f"could not be graded: {why}"
    return ExerciseResult(ex.id, ex.topic, ex.title, Status.ERROR, seed, 0.0, ex.points,
                          (CaseResult("grading", Status.ERROR, message),), message, str(path))


class SubmissionGrader:
    """Grades submissions one after another with one Sandbox, restarted if it ever dies."""

    def __init__(self, root: Path, exercises: list[Exercise], seed: int, cases: int | None,
                 secret: str | None) -> None:
        from grader.hidden import make_grader
        from grader.sandbox.client import Sandbox

        self.root, self.exercises, self.seed, self.cases = root, exercises, seed, cases
        self.sandbox = Sandbox()
        self.grader = make_grader(self.sandbox, secret)
        self.problems: list[str] = []

    def grade(self, folder: Path) -> Iterator[ExerciseResult]:
        """Each exercise's result for one submission folder, in course order."""
        for ex in self.exercises:
            yield self.grade_one(ex, learner_file(ex, self.root, None, str(folder)), folder)

    def grade_one(self, ex: Exercise, path: Path, folder: Path) -> ExerciseResult:
        unusable = unusable_submission_file(ex, path, folder, self.seed)
        if unusable is not None:
            return unusable
        try:
            return self.grader.grade(ex, path, self.seed, self.cases)
        except DefinitionError as exc:
            self.problems.extend(f"invalid exercise definition: {p}" for p in exc.problems)
            return stopped_result(ex, path, self.seed, "the exercise definition is invalid")
        except SandboxError as exc:
            self.restart()
            return stopped_result(ex, path, self.seed, f"the isolated runner stopped ({exc})")
        except (OSError, UnicodeError) as exc:
            return stopped_result(ex, path, self.seed, f"the file could not be read ({exc})")
        except Exception as exc:  # noqa: BLE001 - a grader fault on one file must not stop the batch
            self.problems.append(f"internal error of the grader on {path}: {type(exc).__name__}: {exc}")
            return stopped_result(ex, path, self.seed, f"an internal error of the grader ({type(exc).__name__})")

    def restart(self) -> None:
        from grader.sandbox.client import Sandbox

        self.sandbox.close()
        self.sandbox = Sandbox()
        self.grader.sandbox = self.sandbox  # the cache of expected answers is kept

    def close(self) -> None:
        self.sandbox.close()


def serve(conn: Connection, root: str, ids: list[str], seed: int, cases: int | None, secret: str | None) -> None:
    """A worker process: grade the submissions the parent sends, result by result."""
    if secret is not None:
        from grader.hidden import keep_secret

        keep_secret()
    try:
        cat = catalog.load_catalog(Path(root))
        grader = SubmissionGrader(Path(root), [cat.exercises[i] for i in ids], seed, cases, secret)
    except BaseException as exc:  # noqa: BLE001 - told to the parent, which stops the batch cleanly
        conn.send(("fatal", f"{type(exc).__name__}: {exc}"))
        return
    try:
        while True:
            task = conn.recv()
            if task is None:
                break
            index, folder = task
            for position, result in enumerate(grader.grade(Path(folder))):
                conn.send(("result", index, position, result))
            conn.send(("done", index, grader.problems))
            grader.problems = []
    except (EOFError, KeyboardInterrupt, BrokenPipeError):
        pass
    finally:
        grader.close()


# ------------------------------------------------------------------ the parent


@dataclass
class Worker:
    process: Any
    conn: Connection
    task: int | None = None


class Pool:
    """Worker processes fed one submission at a time; a dead worker is replaced."""

    def __init__(self, jobs: int, args: tuple[Any, ...]) -> None:
        self.ctx = multiprocessing.get_context("spawn")
        self.args = args
        self.workers = [self.start() for _ in range(jobs)]

    def start(self) -> Worker:
        parent, child = self.ctx.Pipe()
        process = self.ctx.Process(target=serve, args=(child, *self.args), daemon=True, name="grade-batch")
        process.start()
        child.close()
        return Worker(process, parent)

    def replace(self, worker: Worker) -> Worker:
        worker.conn.close()
        worker.process.join(timeout=1)
        fresh = self.start()
        self.workers[self.workers.index(worker)] = fresh
        return fresh

    def close(self) -> None:
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
        for worker in self.workers:
            worker.process.join(timeout=10)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()


def grade_batch(subs: list[Submission], root: Path, exercises: list[Exercise], seed: int, cases: int | None,
                jobs: int, secret: str | None, progress: bool) -> Gradebook:
    """Grade every submission; the gradebook has a row per submission, in order."""
    book = Gradebook(exercises, seed, cases)
    results: list[list[ExerciseResult | None]] = [[None] * len(exercises) for _ in subs]
    if subs and exercises:
        _run_pool(subs, root, exercises, seed, cases, jobs, secret, progress, results, book.problems)
    for sub, row in zip(subs, results):
        book.rows.append((sub, [r if r is not None else stopped_result(ex, learner_file(ex, root, None, str(sub.path)),
                                                                      seed, "grading was interrupted")
                                for ex, r in zip(exercises, row)]))
    return book


def _run_pool(subs: list[Submission], root: Path, exercises: list[Exercise], seed: int, cases: int | None,
              jobs: int, secret: str | None, progress: bool, results: list[list[ExerciseResult | None]],
              problems: list[str]) -> None:
    from tqdm import tqdm

    pending = deque(range(len(subs)))
    pool = Pool(max(1, min(jobs, len(subs))), (str(root), [ex.id for ex in exercises], seed, cases, secret))
    bar = tqdm(total=len(subs) * len(exercises), unit="grading", disable=not progress, file=sys.stderr,
               dynamic_ncols=True, mininterval=0.2)
    try:
        for worker in pool.workers:
            _assign(worker, pending, subs)
        while any(w.task is not None for w in pool.workers):
            busy = [w for w in pool.workers if w.task is not None]
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
            for worker in busy:
                if worker.conn in ready or worker.process.sentinel in ready:
                    _receive(pool, worker, pending, subs, exercises, seed, root, results, problems, bar)
    finally:
        bar.close()
        pool.close()


def _assign(worker: Worker, pending: deque[int], subs: list[Submission]) -> None:
    worker.task = pending.popleft() if pending else None
    if worker.task is not None:
        worker.conn.send((worker.task, str(subs[worker.task].path)))


def _receive(pool: Pool, worker: Worker, pending: deque[int], subs: list[Submission], exercises: list[Exercise],
             seed: int, root: Path, results: list[list[ExerciseResult | None]], problems: list[str],
             bar: Any) -> None:
    """Take every message a worker has ready; replace it if it died."""
    try:
        while worker.conn.poll():
            message = worker.conn.recv()
            kind = message[0]
            if kind == "result":
                _, index, position, result = message
                results[index][position] = result
                bar.update(1)
            elif kind == "done":
                problems.extend(p for p in message[2] if p not in problems)
                _assign(worker, pending, subs)
                return
            elif kind == "fatal":
                raise GradeError(f"a batch worker could not start: {message[1]}")
        if worker.process.is_alive():
            return
    except (EOFError, OSError):
        pass
    task = worker.task
    if task is not None:  # the worker died in the middle of this submission
        sub = subs[task]
        why = f"the grading process ended (exit code {worker.process.exitcode}) while grading this submission"
        for position, ex in enumerate(exercises):
            if results[task][position] is None:
                results[task][position] = stopped_result(ex, learner_file(ex, root, None, str(sub.path)), seed, why)
                bar.update(1)
    worker.task = None
    if pending:
        _assign(pool.replace(worker), pending, subs)


# ------------------------------------------------------------------ the gradebook files


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


def write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise GradeError(f"cannot write the gradebook to {path}: {exc}") from None


# ------------------------------------------------------------------ the command


def run_batch(folder: str, *, output: str, json_output: str | None, exercises_dir: str | None, jobs: int | None,
              seed: int | None, cases: int | None, progress: bool | None = None, report: str | None = None) -> int:
    """`grade batch`: grade every submission folder and write the gradebook(s)."""
    from grader.hidden import secret_from_env

    root = catalog.find_root(exercises_dir)
    cat = catalog.load_catalog(root)
    subs = find_submissions(Path(folder))
    exercises = cat.ordered()
    used_seed = DEFAULT_SEED if seed is None else seed
    jobs = jobs or os.cpu_count() or 1
    progress = sys.stderr.isatty() if progress is None else progress
    started = time.perf_counter()
    book = grade_batch(subs, root, exercises, used_seed, cases, jobs, secret_from_env(), progress)
    seconds = time.perf_counter() - started
    out = Path(output)
    write_atomically(out, to_json(book) if out.suffix.lower() == ".json" else to_csv(book))
    if json_output:
        write_atomically(Path(json_output), to_json(book))
    if report:  # the instructor's HTML page, from the JSON gradebook's data (and the learners' run times)
        from grader import htmlreport

        htmlreport.write(Path(report), json.loads(to_json(book)), htmlreport.exercise_seconds(book.rows))
    gradings = len(subs) * len(exercises)
    rate = f" ({gradings / seconds:.0f} gradings/s)" if seconds > 0 and gradings else ""
    click.echo(f"graded {len(subs)} submissions x {len(exercises)} exercises in {seconds:.1f} s{rate}, "
               f"seed {used_seed}; gradebook: {out}" + (f", {json_output}" if json_output else "")
               + (f"; report: {report}" if report else ""))
    problems = [f"invalid exercise definition: {p}" for p in cat.problems] + book.problems
    for problem in problems:
        click.echo(f"grade: {problem}", err=True)
    if not subs:
        click.echo(f"grade: no submission folders in {folder}", err=True)
    return 2 if problems else 0
