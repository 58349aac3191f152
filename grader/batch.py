"""`grade batch DIR`: many submissions, one folder each, graded in parallel into a gradebook.

Each worker process has its own isolated runner (Sandbox) and its own cache of cases and
expected answers, so the references run once per worker, not once per submission. A
submission is one task; its results come back exercise by exercise, so a worker that dies
(whatever the learner's code did) loses nothing already graded: the parent fills in the
rest of that submission as errors, starts a new worker and goes on. The learner's code is
bounded by its own limits (time per case and exercise, memory, output); nothing one
submission does holds up the others beyond the worker it runs in.

The seed defaults to 0 (not a fresh one), so a rerun reproduces the same gradebook.

The jobs around it live beside it: grader/cluster.py grades on a Dask cluster instead of this
pool (`--scheduler`), grader/journal.py records each finished submission so `--resume` grades
only the rest, and grader/gradebook.py writes the CSV and JSON gradebooks atomically.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Callable, Iterator

import click

from grader import catalog
from grader.submission import learner_file, stopped_result, unusable_submission_file
from grader.definition import Exercise
from grader.errors import DefinitionError, GradeError, MissingFile, SandboxError
from grader.gradebook import FORMULA_START, number, safe_cell, to_csv, to_json, write_atomically  # noqa: F401
from grader.journal import Entry, Journal, content_hash, journal_path
from grader.results import CaseResult, ExerciseResult, Status

DEFAULT_SEED = 0
Done = Callable[[int, list[ExerciseResult], list[str]], None]


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


class SubmissionGrader:
    """Grades submissions one after another, each served by runner processes that served no other learner.

    The Linux runner's worker is a fork server: each learner's process is a copy of it, freed heap pages
    included, and those hold what the worker handled before (earlier learners' results, output, sources):
    one learner's code read another's answers out of its own memory. So each submission is served by a
    server forked for it from a worker that never served anyone (`fresh_learner`), and ended with it. The
    portable runner starts a fresh interpreter for every learner's process and needs no such care."""

    def __init__(self, root: Path, exercises: list[Exercise], seed: int, cases: int | None,
                 secret: str | None) -> None:
        from grader.grading import sharing_order
        from grader.hidden import make_grader
        from grader.sandbox.client import Sandbox
        from grader.sandbox.scan import effective_bans

        self.root, self.exercises, self.seed, self.cases = root, exercises, seed, cases
        self.order = sharing_order(exercises)
        self.sandbox = Sandbox()
        self.grader = make_grader(self.sandbox, secret)
        self.problems: list[str] = []
        self.bans = [effective_bans(ex.banned) for ex in exercises]  # as requests send them

    def grade(self, folder: Path) -> Iterator[tuple[int, ExerciseResult]]:
        """Each exercise's (position in the course, result) for one submission folder, as graded: exercises
        banning the same calls one after another (`sharing_order`), so one learner process serves them."""
        if getattr(self.sandbox, "forks_learners", False):
            try:
                self.sandbox.fresh_learner(self.bans)
            except SandboxError:  # the worker died between submissions: a fresh one, and its learner's server
                self.restart()
                self.sandbox.fresh_learner(self.bans)
        self.grader.learner_root = folder
        for position in self.order:
            ex = self.exercises[position]
            yield position, self.grade_one(ex, learner_file(ex, self.root, None, str(folder)), folder)

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
        """A fresh runner after the last one failed; on the Linux runner, with a server for the current learner."""
        from grader.sandbox.client import Sandbox

        self.sandbox.close()
        self.sandbox = Sandbox()
        self.grader.sandbox = self.sandbox  # the cache of expected answers is kept
        if getattr(self.sandbox, "forks_learners", False):
            self.sandbox.fresh_learner(self.bans)

    def close(self) -> None:
        self.sandbox.close()


def die_with_parent(stops: list[Callable[[], None]]) -> None:
    """End this worker as soon as `grade batch` ends, however it ended (SIGKILL included): a thread waits on
    the parent's sentinel, then runs `stops` (the isolated runner's close: the learners' processes die first)
    and exits, within 2 s whatever they do. Without it a worker whose parent was killed went on grading
    (seconds of a class's CPU, learner processes forked for nobody) until a result could not be sent."""
    import threading

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        threading.Timer(2, os._exit, (1,)).start()  # the portable runner's close waits on its thread
        for stop in stops:
            try:
                stop()
            except BaseException:  # noqa: BLE001 - leaving anyway
                pass
        os._exit(1)

    threading.Thread(target=watch, name="grade-batch-parent", daemon=True).start()


def serve(conn: Connection, root: str, ids: list[str], seed: int, cases: int | None, secret: str | None) -> None:
    """A worker process: grade the submissions the parent sends, result by result."""
    stops: list[Callable[[], None]] = []
    die_with_parent(stops)
    if secret is not None:
        from grader.hidden import keep_secret

        keep_secret()
    try:
        cat = catalog.load_catalog(Path(root))
        grader = SubmissionGrader(Path(root), [cat.exercises[i] for i in ids], seed, cases, secret)
        stops.append(grader.close)
    except BaseException as exc:  # noqa: BLE001 - told to the parent, which stops the batch cleanly
        conn.send(("fatal", f"{type(exc).__name__}: {exc}"))
        return
    try:
        while True:
            task = conn.recv()
            if task is None:
                break
            index, folder = task
            for position, result in grader.grade(Path(folder)):
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

    def close(self, now: bool = False) -> None:
        """Let the workers finish and leave; `now` (the batch was interrupted): stop them at once (each takes its
        isolated runner and the learners' processes with it)."""
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
            if now and worker.process.is_alive():
                worker.process.terminate()
        for worker in self.workers:
            worker.process.join(timeout=2 if now else 10)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()


def grade_batch(subs: list[Submission], root: Path, exercises: list[Exercise], seed: int, cases: int | None,
                jobs: int, secret: str | None, progress: bool, todo: list[int] | None = None,
                done: Done | None = None) -> Gradebook:
    """Grade every submission (or those in todo) on local worker processes; done(i, ...) as each finishes."""
    book = Gradebook(exercises, seed, cases)
    results: list[list[ExerciseResult | None]] = [[None] * len(exercises) for _ in subs]
    todo = list(range(len(subs))) if todo is None else todo
    if todo and exercises:
        _run_pool(subs, todo, root, exercises, seed, cases, jobs, secret, progress, results, book.problems,
                  done or (lambda index, row, problems: None))
    for sub, row in zip(subs, results):
        book.rows.append((sub, [r if r is not None else stopped_result(ex, learner_file(ex, root, None, str(sub.path)),
                                                                      seed, "grading was interrupted")
                                for ex, r in zip(exercises, row)]))
    return book


def progress_bar(total: int, progress: bool) -> Any:
    """The batch's progress bar, in gradings (submissions x exercises), on stderr."""
    from tqdm import tqdm

    return tqdm(total=total, unit="grading", disable=not progress, file=sys.stderr, dynamic_ncols=True,
                mininterval=0.2)


def _run_pool(subs: list[Submission], todo: list[int], root: Path, exercises: list[Exercise], seed: int,
              cases: int | None, jobs: int, secret: str | None, progress: bool,
              results: list[list[ExerciseResult | None]], problems: list[str], done: Done) -> None:
    pending = deque(todo)
    pool = Pool(max(1, min(jobs, len(todo))), (str(root), [ex.id for ex in exercises], seed, cases, secret))
    bar = progress_bar(len(todo) * len(exercises), progress)
    try:
        for worker in pool.workers:
            _assign(worker, pending, subs)
        while any(w.task is not None for w in pool.workers):
            busy = [w for w in pool.workers if w.task is not None]
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
            for worker in busy:
                if worker.conn in ready or worker.process.sentinel in ready:
                    _receive(pool, worker, pending, subs, exercises, seed, root, results, problems, bar, done)
    except BaseException:  # interrupted (^C), or the batch cannot go on: no submission is finished now
        bar.close()
        pool.close(now=True)
        raise
    bar.close()
    pool.close()


def _assign(worker: Worker, pending: deque[int], subs: list[Submission]) -> None:
    worker.task = pending.popleft() if pending else None
    if worker.task is not None:
        worker.conn.send((worker.task, str(subs[worker.task].path)))


def _receive(pool: Pool, worker: Worker, pending: deque[int], subs: list[Submission], exercises: list[Exercise],
             seed: int, root: Path, results: list[list[ExerciseResult | None]], problems: list[str],
             bar: Any, done: Done) -> None:
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
                done(message[1], list(results[message[1]]), message[2])  # type: ignore[arg-type]
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
        done(task, list(results[task]), [])  # type: ignore[arg-type]
    worker.task = None
    if pending:
        _assign(pool.replace(worker), pending, subs)


# ------------------------------------------------------------------ the command


def run_batch(folder: str, *, output: str, json_output: str | None, exercises_dir: str | None, jobs: int | None,
              seed: int | None, cases: int | None, progress: bool | None = None, report: str | None = None,
              scheduler: str | None = None, resume: bool = False) -> int:
    """`grade batch`: grade every submission folder (locally or on a Dask cluster) and write the gradebook(s)."""
    from grader.hidden import redact_exercise, secret_from_env

    root = catalog.find_root(exercises_dir)
    cat = catalog.load_catalog(root)
    subs = find_submissions(Path(folder))
    exercises = cat.ordered()
    used_seed = DEFAULT_SEED if seed is None else seed
    jobs = jobs or os.cpu_count() or 1
    progress = sys.stderr.isatty() if progress is None else progress
    grade_on_cluster = cluster_runner() if scheduler else None
    out = Path(output)
    secret = secret_from_env()
    settings = {"seed": used_seed, "cases": cases, "exercises": [ex.id for ex in exercises],
                "secret": hashlib.sha256(secret.encode()).hexdigest() if secret else None}
    journal = Journal(journal_path(out), settings, resume)
    if journal.discarded:
        click.echo(f"grade: starting the journal {journal.path} again: {journal.discarded}", err=True)
    digests = [content_hash(sub.path) for sub in subs]
    rows: list[list[ExerciseResult] | None] = [None] * len(subs)
    problems: list[str] = []
    for index, sub in enumerate(subs):
        entry = journal.finished(sub.name, digests[index])
        if entry is not None:
            rows[index] = entry.results
            problems.extend(p for p in entry.problems if p not in problems)
    todo = [i for i, row in enumerate(rows) if row is None]

    def done(index: int, results: list[ExerciseResult], found: list[str]) -> None:
        """Keep a finished submission's results and journal them before going on."""
        kept = [redact_exercise(r) for r in results]  # hidden cases never reach the disk in full
        journal.append(Entry(subs[index].name, digests[index], kept, found))
        rows[index] = kept
        problems.extend(p for p in found if p not in problems)

    started = time.perf_counter()
    try:
        if grade_on_cluster is not None and todo and exercises:
            bar = progress_bar(len(todo) * len(exercises), progress)
            try:
                grade_on_cluster(scheduler, jobs, subs, todo, root, [ex.id for ex in exercises], used_seed, cases,
                                 secret, done, lambda index, why, found: done(index, [
                                     stopped_result(ex, learner_file(ex, root, None, str(subs[index].path)),
                                                    used_seed, why) for ex in exercises], found), bar)
            finally:
                bar.close()
        elif todo:
            pooled = grade_batch(subs, root, exercises, used_seed, cases, jobs, secret, progress, todo, done)
            problems.extend(p for p in pooled.problems if p not in problems)
    except GradeError as exc:
        finished = sum(row is not None for row in rows)
        raise GradeError(f"{exc}; {finished} of {len(subs)} submissions finished and are kept in {journal.path}: "
                        f"run the same command with --resume to grade the rest") from None
    finally:
        journal.close()
    seconds = time.perf_counter() - started
    book = Gradebook(exercises, used_seed, cases, problems=problems)
    for sub, row in zip(subs, rows):
        book.rows.append((sub, row if row is not None else [
            stopped_result(ex, learner_file(ex, root, None, str(sub.path)), used_seed, "grading was interrupted")
            for ex in exercises]))
    write_atomically(out, to_json(book) if out.suffix.lower() == ".json" else to_csv(book))
    if json_output:
        write_atomically(Path(json_output), to_json(book))
    if report:  # the instructor's HTML page, from the JSON gradebook's data (and the learners' run times)
        from grader import htmlreport

        htmlreport.write(Path(report), json.loads(to_json(book)), htmlreport.exercise_seconds(book.rows))
    gradings = len(todo) * len(exercises)
    rate = f" ({gradings / seconds:.0f} gradings/s)" if seconds > 0 and gradings else ""
    reused = f" ({len(subs) - len(todo)} taken from the journal)" if len(todo) < len(subs) else ""
    click.echo(f"graded {len(subs)} submissions{reused} x {len(exercises)} exercises in {seconds:.1f} s{rate}, "
               f"seed {used_seed}; gradebook: {out}" + (f", {json_output}" if json_output else "")
               + (f"; report: {report}" if report else ""))
    problems = [f"invalid exercise definition: {p}" for p in cat.problems] + book.problems
    for problem in problems:
        click.echo(f"grade: {problem}", err=True)
    if not subs:
        click.echo(f"grade: no submission folders in {folder}", err=True)
    return 2 if problems else 0


def cluster_runner() -> Any:
    """grader.cluster.grade_on_cluster, or a clear error when Dask's distributed is not installed."""
    try:
        from grader.cluster import grade_on_cluster
    except ImportError as exc:
        raise GradeError("--scheduler needs Dask's distributed scheduler, which is not installed "
                         f"({exc}); install it with: pip install 'grade[cluster]'") from None
    return grade_on_cluster
