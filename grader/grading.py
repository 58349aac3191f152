"""The pipeline: definition -> inputs -> isolated run -> comparison -> result.

This is the only module that knows every step; each step lives in its own module (the comparison and the
result in grader/judging.py).
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

import numpy as np

from grader import expected_feed
from grader.definition import Exercise
from grader.dotted import resolve
from grader.errors import DefinitionError, MissingFile
from grader.inputs import Case, build_cases, fresh
from grader.judging import Expected, judge
from grader.results import ExerciseResult, Status
from grader.sandbox import callables
from grader.sandbox.client import RunOutcome, RunRequest, Sandbox
from grader.sandbox.scan import effective_bans

MAX_SOURCE_BYTES = 4 << 20  # as the worker's own limit


def sharing_order(exercises: list[Exercise]) -> list[int]:
    """The order to run exercises in (indices into the list): those banning the same calls one after another,
    groups in order of first appearance, course order within a group. A learner's process serves only
    exercises that ban exactly the same (its tripwires are never taken back), so each group costs one
    process instead of one per change of bans. Results do not depend on the order: each exercise has its
    own seed and a reused process is tidied between exercises."""
    groups: dict[frozenset[str], list[int]] = {}
    for index, ex in enumerate(exercises):
        groups.setdefault(frozenset(ex.banned), []).append(index)
    return [index for group in groups.values() for index in group]


def blocked_dirs() -> tuple[str, ...]:
    """Folders learner code may not read: the grader's and the references' packages."""
    raw = tuple(str(path) for name in ("grader", "reference")
                for path in getattr(sys.modules.get(name), "__path__", []) or [])
    if raw not in _BLOCKED:
        _BLOCKED[raw] = tuple(str(Path(path).resolve()) for path in raw)
    return _BLOCKED[raw]


_BLOCKED: dict[tuple[str, ...], tuple[str, ...]] = {}


class Grader:
    """Grades exercises against a learner's files, reusing one isolated worker."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        # the learner's whole submission, when there is one: their process may read it all, and one process
        # serves their exercises in every topic folder of it (None: each file's own folder)
        self.learner_root: Path | None = None
        self._expected_cache: dict[tuple[str, int, int], tuple[list[Case], list[Expected]]] = {}
        self._case_tuples: dict[int, tuple[list[Case], tuple[tuple[str, Any], ...]]] = {}

    def grade(self, ex: Exercise, file: Path, seed: int, count: int | None = None,
              only_case: str | None = None) -> ExerciseResult:
        """Grade one learner file for one exercise."""
        early = self._read_file(ex, file, seed)
        if early is not None:
            return early
        cases, expected = self.prepare(ex, seed, count, only_case)
        outcome = self.sandbox.run(self._request(ex, file, cases))
        return judge(ex, file, seed, cases, expected, outcome)

    def grade_many(self, jobs: Iterable[tuple[Exercise, Path]], seed: int,
                   count: int | None = None) -> Iterator[ExerciseResult | DefinitionError]:
        """Grade several (exercise, file) pairs in order, overlapping the grader's work with the learner's.

        While the learner's process runs one exercise, the grader judges the previous one and
        takes the next one's expected answers (computed meanwhile by a forked copy, expected_feed, where
        that pays; else computed here). Yields, in the given order, each result or the
        DefinitionError that stopped that exercise (the others go on). Same results as grade().
        """
        given = list(jobs)
        order = sharing_order([ex for ex, _file in given])
        jobs = [given[i] for i in order]  # run so that one learner process serves as many as it may
        feed = None
        if expected_feed.usable(len(jobs)):  # the expected answers, computed by a forked copy meanwhile
            _import_reference_packages(ex for ex, _file in jobs)  # here too: their folders are blocked_dirs()
            try:
                feed = expected_feed.ExpectedFeed(lambda job: self.prepare(job[0], seed, count), jobs)
            except OSError:
                feed = None
        finished: dict[int, ExerciseResult | DefinitionError] = {}
        wanted = 0
        try:
            for position, result in self._pipeline(jobs, seed, count, feed):
                finished[order[position]] = result
                while wanted in finished:  # passed on in the given order
                    yield finished.pop(wanted)
                    wanted += 1
        finally:
            if feed is not None:
                feed.close()

    def _pipeline(self, jobs: list[tuple[Exercise, Path]], seed: int, count: int | None,
                  feed: expected_feed.ExpectedFeed | None) -> Iterator[tuple[int, ExerciseResult | DefinitionError]]:
        # one ready-to-run item: (exercise, file, cases, expected) or a finished result/error
        def ready(ex: Exercise, file: Path) -> tuple[Exercise, Path, list[Case], list[Expected]] | ExerciseResult \
                | DefinitionError:
            prepared, invalid = None, None
            if feed is not None:  # taken in order, whatever becomes of this job
                try:
                    prepared = feed.next()
                except DefinitionError as exc:
                    invalid = exc
            try:
                early = self._read_file(ex, file, seed)
                if early is not None:
                    return early
                if invalid is not None:
                    return invalid
                cases, expected = prepared if prepared is not None else self.prepare(ex, seed, count)
            except DefinitionError as exc:
                return exc
            return ex, file, cases, expected

        # requests in flight, oldest first: with a runner that queues them (the Linux worker), the next
        # exercise is sent before the last one's events are read and judged, so the worker never waits for
        # the grader; each job's inputs are made while the learner's process runs the ones before it
        depth = 2 if getattr(self.sandbox, "queues_requests", False) else 1
        inflight: collections.deque[tuple[int, tuple[Exercise, Path, list[Case], list[Expected]]]] = \
            collections.deque()

        def collect() -> tuple[int, tuple[Exercise, Path, list[Case], list[Expected]], RunOutcome]:
            position, job = inflight.popleft()
            return position, job, self.sandbox.collect(len(job[2]))

        def judged(position: int, job: tuple[Exercise, Path, list[Case], list[Expected]],
                   outcome: RunOutcome) -> tuple[int, ExerciseResult]:
            ex, file, cases, expected = job
            return position, judge(ex, file, seed, cases, expected, outcome)

        for position, (ex, file) in enumerate(jobs):
            staged = ready(ex, file)
            if not isinstance(staged, tuple):  # nothing to run: passed on as it is
                yield position, staged
                continue
            request = self._request(ex, file, staged[2])
            if request.hidden:  # hidden cases run apart, after the visible ones' output is taken: in turn
                while inflight:
                    yield judged(*collect())
                yield judged(position, staged, self.sandbox.run(request))
                continue
            finished = collect() if len(inflight) >= depth else None
            self.sandbox.submit(request)
            inflight.append((position, staged))
            if finished is not None:  # judged while the learner's process runs what was just sent
                yield judged(*finished)
        while inflight:
            yield judged(*collect())

    def _read_file(self, ex: Exercise, file: Path, seed: int) -> ExerciseResult | None:
        """The verdict for a file that cannot run (missing is a MissingFile, too large an error); None when it can."""
        if not file.is_file():
            raise MissingFile(f"no such file: {file}")
        if file.stat().st_size > MAX_SOURCE_BYTES:
            message = f"your file is larger than {MAX_SOURCE_BYTES >> 20} MiB: is it really Python source?"
            return ExerciseResult(ex.id, ex.topic, ex.title, Status.ERROR, seed, 0.0, ex.points, (), message, str(file))
        return None

    def _request(self, ex: Exercise, file: Path, cases: list[Case]) -> RunRequest:
        # the same cases object gives the same tuple, so the sandbox encodes it once per batch
        key = id(cases)
        held = self._case_tuples.get(key)
        if held is None or held[0] is not cases:
            if len(self._case_tuples) > 256:
                self._case_tuples.clear()
            held = (cases, tuple((c.name, c.args) for c in cases))
            self._case_tuples[key] = held
        return RunRequest(file.resolve(), ex.function, held[1], effective_bans(ex.banned), _limits(ex), blocked_dirs(),
                          tuple(i for i, c in enumerate(cases) if c.hidden),
                          folder=self.learner_root.resolve() if self.learner_root is not None else None)

    def prepare(self, ex: Exercise, seed: int, count: int | None,
                only_case: str | None = None) -> tuple[list[Case], list[Expected]]:
        """Cases and their expected answers, cached per (exercise, seed, count) for batches."""
        key = (str(ex.path), seed, ex.cases if count is None else count)
        if key not in self._expected_cache:
            cases = build_cases(ex, seed, count)
            reference = load_reference(ex)
            self._expected_cache[key] = (cases, [expected_for(ex, reference, c) for c in cases])
        cases, expected = self._expected_cache[key]
        if only_case is not None:
            picked = [i for i, c in enumerate(cases) if c.name == only_case]
            if not picked:
                raise DefinitionError([ex.problem(f"no case is named {only_case!r} (cases: "
                                                  f"{', '.join(c.name for c in cases)})")])
            cases, expected = [cases[i] for i in picked], [expected[i] for i in picked]
        return cases, expected


def _import_reference_packages(exercises: Iterable[Exercise]) -> None:
    """Import the top-level packages of the references (not the references: their packages' folders are
    what learner code may not read, see blocked_dirs, and a forked copy imports the rest)."""
    import importlib

    for root in sorted({ex.reference.split(":")[0].split(".")[0] for ex in exercises}):
        try:
            importlib.import_module(root)
        except Exception:  # noqa: BLE001 - the reference's own import says what is wrong, in its exercise
            pass


def _limits(ex: Exercise) -> dict[str, Any]:
    lim = ex.limits
    return {"case_seconds": lim.case_seconds, "exercise_seconds": lim.exercise_seconds,
            "memory_mb": lim.memory_mb, "output_kb": lim.output_kb}


def load_reference(ex: Exercise) -> Callable[..., Any]:
    """Import the reference function named by the definition."""
    try:
        func = resolve(ex.reference)
    except (ImportError, AttributeError) as exc:
        raise DefinitionError([ex.problem(f"cannot import the reference {ex.reference!r}: {exc}",
                                          "reference")]) from None
    if not callable(func):
        raise DefinitionError([ex.problem(f"the reference {ex.reference!r} is not a function", "reference")])
    return func


def call_with(func: Callable[..., Any], args: Mapping[str, Any]) -> Any:
    """Call a function on fresh copies of a case's arguments (callables rebuilt from their specs)."""
    built = {k: callables.build(v) if isinstance(v, callables.CallableSpec) else v for k, v in fresh(args).items()}
    return func(*built.values())


def expected_for(ex: Exercise, reference: Callable[..., Any], case: Case) -> Expected:
    """The reference's answer for a case (a definition error if the reference misbehaves)."""
    if case.raises:
        return Expected(raises=case.raises)
    try:
        with np.errstate(all="ignore"):
            return Expected(value=call_with(reference, case.args))
    except Exception as exc:  # noqa: BLE001 - the definition's fault, located for the instructor
        raise DefinitionError([ex.problem(f"the reference raised {type(exc).__name__}: {exc} on case "
                                          f"{case.name}", "reference")]) from None
