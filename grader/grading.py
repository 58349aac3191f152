"""The pipeline: definition -> inputs -> isolated run -> comparison -> result.

This is the only module that knows every step; each step lives in its own module.
"""

from __future__ import annotations

import collections
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

import numpy as np

from grader import checks, expected_feed, mistakes
from grader.checks.core import CheckContext
from grader.definition import Exercise, MistakeRule
from grader.dotted import resolve
from grader.errors import DefinitionError, GradeError, MissingFile
from grader.inputs import Case, build_cases, fresh
from grader.render import render_value
from grader.results import CaseResult, ExerciseResult, Mismatch, Status, first_failure
from grader.sandbox import callables
from grader.sandbox.client import CaseOutcome, RunOutcome, RunRequest, Sandbox
from grader.sandbox.scan import REFLECTION, Finding, effective_bans

SIGNALS = {4: "an illegal instruction", 6: "an abort", 7: "a bus error", 8: "a floating-point exception",
           9: "being killed", 11: "a segmentation fault", 24: "the CPU time limit", 25: "the file size limit"}
TOLERANCE_KEYS = ("rtol", "atol", "atol_scale")
MAX_SOURCE_BYTES = 4 << 20  # as the worker's own limit
# Failing cases shown with inputs and tried against every mistake rule; later ones are tried
# against the rule that explains the most of these first (grading a class stays fast).
DETAILED_FAILURES = 6


@dataclass(frozen=True)
class Expected:
    """The reference's answer for one case, or the exception type the case requires."""

    value: Any = None
    raises: str | None = None


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


def banned_result(ex: Exercise, file: Path, seed: int, findings: list[Finding],
                  via: str | None = None) -> ExerciseResult:
    """The verdict for code that uses a banned call (found by reading it, or at run time)."""
    first = findings[0]
    name = "the @ operator" if first.name == "@" else first.name
    own = Path(first.file).resolve() == file.resolve()
    where = f"line {first.line}" + ("" if own else f" of {first.file}")
    if via:
        where += f", called inside {via}"
    if name.startswith(REFLECTION):  # reached at run time, it could be a banned function without its name
        message = (f"{name[len(REFLECTION):]} is not allowed in an exercise that bans calls ({where}): it can reach "
                   f"functions by names built at run time, so write out the names you use")
    else:
        message = f"{name} is banned in this exercise ({where}): the point is to compute it yourself"
    others = sorted({f.name.removeprefix(REFLECTION) for f in findings[1:]} - {first.name.removeprefix(REFLECTION)})
    if others:
        message += "; also banned here: " + ", ".join(others)
    return ExerciseResult(ex.id, ex.topic, ex.title, Status.BANNED, seed, 0.0, ex.points, (), message,
                          str(file), first.line if own else None)


def judge(ex: Exercise, file: Path, seed: int, cases: list[Case], expected: list[Expected],
          outcome: RunOutcome) -> ExerciseResult:
    """Compare every case's outcome with its expected answer and decide the exercise's verdict."""
    if outcome.banned:
        findings = [Finding(b.name, b.line or 0, b.file or str(file)) for b in outcome.banned]
        return banned_result(ex, file, seed, findings, outcome.banned[0].via)
    if outcome.import_error is not None or outcome.import_failure is not None:
        return import_failed(ex, file, seed, outcome)
    check = _bound_check(ex)
    tolerance = {k: v for k, v in ex.check.params.items() if k in TOLERANCE_KEYS}
    judged: list[CaseResult | Judged] = []
    failures = 0
    for case, exp, out in zip(cases, expected, outcome.cases):
        item = judge_case(ex, case, exp, out, check, tolerance, detailed=failures < DETAILED_FAILURES)
        judged.append(item)
        failures += not (item.result if isinstance(item, Judged) else item).passed
    results = name_mistakes(ex, judged, check, tolerance)
    raised = [o.raised for o in outcome.cases if o.raised is not None]
    if raised and all(r.type == "NotImplementedError" for r in raised) and len(raised) == len(cases):
        status = Status.NOT_IMPLEMENTED
    elif all(r.passed for r in results):
        status = Status.PASSED
    elif any(r.status is Status.TIMEOUT for r in results):
        status = Status.TIMEOUT
    elif any(r.status is Status.ERROR for r in results):
        status = Status.ERROR
    else:
        status = Status.FAILED
    passed = sum(r.passed for r in results)
    fraction = passed / len(results) if results else 0.0
    if ex.all_or_nothing:
        fraction = float(status is Status.PASSED)
    first = first_failure(results)
    message = summary_message(status, passed, len(results), first)
    return ExerciseResult(ex.id, ex.topic, ex.title, status, seed, round(ex.points * fraction, 6), ex.points,
                          results, message, str(file), first.line if first else None, outcome.output)


def summary_message(status: Status, passed: int, total: int, first: CaseResult | None) -> str:
    if status is Status.PASSED:
        return f"all {total} cases passed"
    if status is Status.NOT_IMPLEMENTED:
        return "not implemented yet: the function still raises NotImplementedError"
    return f"{passed} of {total} cases passed" + (f"; first failure: {first.name}" if first else "")


def _bound_check(ex: Exercise) -> Callable[[CheckContext], Mismatch | None]:
    func = checks.lookup(ex.check.name)
    params = dict(ex.check.params)

    def run(ctx: CheckContext) -> Mismatch | None:
        with np.errstate(all="ignore"):
            return func(ctx, **params)

    def bound(ctx: CheckContext) -> Mismatch | None:
        """The check; a failure while judging the learner's value is the learner's (a plain mismatch) unless
        the check fails the same way on the reference's own answer: then the definition is at fault."""
        try:
            return run(ctx)
        except GradeError:
            raise
        except Exception as exc:  # noqa: BLE001 - any value a learner returns must end as a learner outcome
            try:
                run(ctx.with_actual(ctx.expected))
            except Exception:  # noqa: BLE001 - the check cannot judge even the reference: the course's fault
                raise DefinitionError([ex.problem(f"the check {ex.check.name!r} failed: {type(exc).__name__}: "
                                                  f"{exc} (check its parameters)", "check")]) from None
            return Mismatch(f"your answer could not be compared with the expected one: it is "
                            f"{describe_value(ctx.actual)} ({type(exc).__name__}: {str(exc)[:160]})")

    return bound


def describe_value(value: Any) -> str:
    """A few plain words on what a value is: its type, and shape and element type for an array."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} holding {value.dtype.name} values"
    if isinstance(value, (list, tuple)):
        lengths = {len(v) for v in value if isinstance(v, (list, tuple))}
        ragged = " whose rows have different lengths" if len(lengths) > 1 else ""
        return f"a {type(value).__name__} of {len(value)} items{ragged}"
    return f"a value of type {type(value).__name__}"


def _fires(rule: MistakeRule, ctx: CheckContext, check: Callable[[CheckContext], Mismatch | None],
           tolerance: Mapping[str, Any]) -> bool:
    """Whether a mistake rule explains the answer; a rule that cannot apply to a learner's odd value does not."""
    try:
        return mistakes.fires_safely(rule, ctx, check, tolerance)
    except GradeError:
        raise
    except Exception:  # noqa: BLE001 - the learner's value, not the rule: the rule simply does not fire
        return False


def import_failed(ex: Exercise, file: Path, seed: int, outcome: RunOutcome) -> ExerciseResult:
    """The verdict when the learner's file could not even be imported."""
    err = outcome.import_error
    if err is not None:
        if err.syntax:
            message = f"your file has a syntax error at line {err.line}: {err.message}"
        elif err.type == "MissingFunction":
            message = err.message
        elif err.type == "MemoryError":
            message = f"your file ran out of memory while importing (the limit is {ex.limits.memory_mb} MiB)"
        else:
            message = f"importing your file raised {err.type}: {err.message}"
        status = Status.NOT_IMPLEMENTED if err.type == "NotImplementedError" else Status.ERROR
        case = CaseResult("import", status, message, traceback=err.traceback, line=err.line, output=outcome.output)
        return ExerciseResult(ex.id, ex.topic, ex.title, status, seed, 0.0, ex.points, (case,), message,
                              str(file), err.line, outcome.output)
    failure = dict(outcome.import_failure or {})
    if failure.get("kind") == "timeout":
        message = f"importing your file did not finish within the time limit ({_limit_text(ex, failure)})"
        status = Status.TIMEOUT
    else:
        message = f"your file could not be imported: {_ended(failure, ex.limits.memory_mb)}"
        status = Status.ERROR
    case = CaseResult("import", status, message, output=outcome.output)
    return ExerciseResult(ex.id, ex.topic, ex.title, status, seed, 0.0, ex.points, (case,), message, str(file),
                          None, outcome.output)


def _limit_text(ex: Exercise, detail: Mapping[str, Any]) -> str:
    if detail.get("limit") == "exercise":
        return f"{ex.limits.exercise_seconds:g} s for the whole exercise"
    if detail.get("limit") == "cpu":
        return "the CPU time allowed for the whole exercise"
    if detail.get("phase") == "import":
        return f"{max(ex.limits.case_seconds, 10.0):g} s to import"
    return f"{ex.limits.case_seconds:g} s per case"


def _ended(detail: Mapping[str, Any], memory_mb: int | None = None) -> str:
    if detail.get("limit") == "memory":  # the kernel stopped it: all its memory (shared memory too) counts
        limit = f" (the limit is {memory_mb} MiB above the start-up size)" if memory_mb is not None else ""
        return f"it ran out of memory{limit} and was stopped"
    sig = detail.get("signal")
    if isinstance(sig, int):
        return f"the process was ended by {SIGNALS.get(sig, f'signal {sig}')}"
    if detail.get("kind") == "protocol":
        return f"it interfered with the grader's private channel ({detail.get('message', '')})"
    if detail.get("message"):  # how the isolated runner saw it end (for example, the runner itself was killed)
        return str(detail["message"])
    code = detail.get("exit")
    return f"the process exited (status {code}) without returning; sys.exit() or os._exit() ends grading"


def judge_case(ex: Exercise, case: Case, exp: Expected, out: CaseOutcome,
               check: Callable[[CheckContext], Mismatch | None], tolerance: Mapping[str, Any],
               detailed: bool = True) -> "CaseResult | Judged":
    """One case's verdict, with the facts a learner needs to act on it (rendered only if it failed)."""
    verdict = _verdict(ex, case, exp, out, check, tolerance, detailed)
    result = verdict.result if isinstance(verdict, Judged) else verdict
    if result.passed or case.hidden or not detailed:
        return verdict
    shown = replace(result, inputs={k: render_value(v) for k, v in case.args.items()},
                    expected=f"raises {exp.raises}" if exp.raises else render_value(exp.value),
                    actual=render_value(out.value) if out.kind == "value" and out.unrepresentable is None else None)
    return Judged(shown, verdict.fired) if isinstance(verdict, Judged) else shown


def _verdict(ex: Exercise, case: Case, exp: Expected, out: CaseOutcome,
             check: Callable[[CheckContext], Mismatch | None], tolerance: Mapping[str, Any],
             detailed: bool) -> "CaseResult | Judged":
    base: dict[str, Any] = {"name": case.name, "hidden": case.hidden, "output": out.output,
                            "seconds": out.seconds}
    if out.kind == "timeout":
        return CaseResult(status=Status.TIMEOUT, message=f"took longer than the limit ({_limit_text(ex, out.detail)})",
                          **base)
    if out.kind == "not_run":
        return CaseResult(status=Status.TIMEOUT, message="not run: the exercise's time limit "
                          f"({ex.limits.exercise_seconds:g} s) was used up by earlier cases", **base)
    if out.kind in ("crashed", "protocol"):
        return CaseResult(status=Status.ERROR, message=f"your code did not return: {_ended({**out.detail, 'kind': out.kind}, ex.limits.memory_mb)}",
                          **base)
    if out.raised is not None:
        return raised_case(ex, case, exp, out, base)
    if out.unrepresentable is not None:
        return CaseResult(status=Status.FAILED, message=f"the function returned {out.unrepresentable}; return "
                          "numbers, numpy arrays, or tuples/lists of them", **base)
    if exp.raises:
        rule = mistakes.explains_value(ex.mistakes, case.args, out.value, tolerance)
        named = {"mistake": rule.message, "mistake_id": rule.id} if rule else {}
        return CaseResult(status=Status.FAILED, message=f"expected the function to raise {exp.raises}, but it "
                          "returned a value", **named, **base)
    ctx = CheckContext(case.args, exp.value, out.value)
    mismatch = check(ctx)  # the answer's own defects first, then a changed input (only where the task forbids it)
    if mismatch is None and out.mutated and ex.keep_inputs:
        names = ", ".join(f"`{m}`" for m in out.mutated)
        return CaseResult(status=Status.FAILED, message=f"your function changed its input {names} in place, "
                          "which the task forbids; work on a copy instead",
                          mistake=f"the input {names} was modified in place", mistake_id="mutated_input", **base)
    if mismatch is None:
        return CaseResult(status=Status.PASSED, **base)
    fired = tuple(rule for rule in ex.mistakes if _fires(rule, ctx, check, tolerance)) \
        if detailed else ()
    return Judged(CaseResult(status=Status.FAILED, message=mismatch.summary, mismatch=mismatch, **base), fired,
                  None if detailed else ctx)


@dataclass(frozen=True)
class Judged:
    """A case's result before mistakes are named, with every rule that explains it."""

    result: CaseResult
    fired: tuple[MistakeRule, ...] = ()
    pending: CheckContext | None = None  # not yet tried against the rules (beyond the detailed ones)


def name_mistakes(ex: Exercise, judged: list["Judged | CaseResult"],
                  check: Callable[[CheckContext], Mismatch | None],
                  tolerance: Mapping[str, Any]) -> tuple[CaseResult, ...]:
    """Name on each failing case the rule that explains the most failing cases (ties: YAML order)."""
    counts = {rule.id: 0 for rule in ex.mistakes}
    for item in judged:
        if isinstance(item, Judged):
            for rule in item.fired:
                counts[rule.id] += 1
    ranked = sorted(ex.mistakes, key=lambda r: -counts[r.id])
    best = ranked[0] if ranked and counts[ranked[0].id] else None
    results = []
    for item in judged:
        if isinstance(item, Judged):
            if item.pending is not None:  # the usual rule first; all of them only if it does not explain this case
                if best is not None and _fires(best, item.pending, check, tolerance):
                    item = replace(item, fired=(best,))
                else:
                    item = replace(item, fired=tuple(r for r in ex.mistakes
                                                     if _fires(r, item.pending, check, tolerance)))
            rule = next((r for r in ranked if r in item.fired), None)
            item = replace(item.result, mistake=rule.message, mistake_id=rule.id) if rule else item.result
        results.append(item)
    return tuple(results)


def installed_module_hint(kind: str, message: str) -> str:
    """For a module that is installed but could not be imported while the learner's code ran (a library
    function importing it on first use): what to do, in plain words; else ''."""
    import importlib.machinery
    import re

    found = re.match(r"No module named '([A-Za-z_][\w.]*)'", message) if kind == "ModuleNotFoundError" else None
    if found is None or found.group(1).split(".")[0] in ("grader", "reference"):
        return ""
    installed, path, parts = True, None, found.group(1).split(".")
    for i in range(len(parts)):  # found on disk, package by package, without importing (running) anything
        try:
            spec = importlib.machinery.PathFinder.find_spec(".".join(parts[:i + 1]), path)
        except (ImportError, ValueError):
            spec = None
        if spec is None or (i < len(parts) - 1 and not spec.submodule_search_locations):
            installed = False
            break
        path = spec.submodule_search_locations
    return (f": {found.group(1)} is installed, but while your code runs it may import only what your file "
            f"names; add `import {found.group(1)}` at the top of your file") if installed else ""


def raised_case(ex: Exercise, case: Case, exp: Expected, out: CaseOutcome, base: dict[str, Any]) -> CaseResult:
    err = out.raised
    assert err is not None
    if exp.raises:
        if err.is_a(exp.raises):  # a subclass passes, as with pytest.raises
            return CaseResult(status=Status.PASSED, **base)
        return CaseResult(status=Status.FAILED, message=f"expected {exp.raises} to be raised, got {err.type}: "
                          f"{err.message}", traceback=err.traceback, line=err.line, **base)
    status = Status.ERROR
    if err.type == "NotImplementedError":
        message = "not implemented yet (the function raises NotImplementedError)"
        status = Status.NOT_IMPLEMENTED
    elif err.type == "MemoryError":
        message = f"ran out of memory (the limit is {ex.limits.memory_mb} MiB above the start-up size)"
    elif err.type == "SystemExit":
        message = "your code called sys.exit() (or raised SystemExit) instead of returning"
    elif err.type == "KeyboardInterrupt":
        message = "your code raised KeyboardInterrupt instead of returning"
    else:
        message = f"raised {err.type}: {err.message}"
    if err.line:
        message += f" (line {err.line})"
    message += installed_module_hint(err.type, err.message)
    rule = mistakes.explains_error(ex.mistakes, case.args, err.type) if status is Status.ERROR else None
    named = {"mistake": rule.message, "mistake_id": rule.id} if rule else {}
    return CaseResult(status=status, message=message, traceback=err.traceback, line=err.line, **named, **base)
