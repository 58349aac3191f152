"""Comparison -> result: each case's outcome judged against its expected answer (the exercise's check and
tolerance), the learner's mistake recognised, the exercise's verdict and the words that explain it.

grader/grading.py runs the pipeline and hands each exercise's outcome here; nothing here runs learner code.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Mapping

import numpy as np

from grader import checks, mistakes
from grader.checks.core import CheckContext, single_precision
from grader.definition import Exercise, MistakeRule
from grader.errors import DefinitionError, GradeError
from grader.inputs import Case
from grader.render import render_value
from grader.results import CaseResult, ExerciseResult, Mismatch, Status, first_failure
from grader.sandbox.client import CaseOutcome, RunOutcome
from grader.sandbox.scan import METHOD_PREFIX, REFLECTION, Finding

SIGNALS = {4: "an illegal instruction", 6: "an abort", 7: "a bus error", 8: "a floating-point exception",
           9: "being killed", 11: "a segmentation fault", 24: "the CPU time limit", 25: "the file size limit"}
TOLERANCE_KEYS = ("rtol", "atol", "atol_scale")
# Failing cases shown with inputs and tried against every mistake rule; later ones are tried
# against the rule that explains the most of these first (grading a class stays fast).
DETAILED_FAILURES = 6


@dataclass(frozen=True)
class Expected:
    """The reference's answer for one case, or the exception type the case requires."""

    value: Any = None
    raises: str | None = None


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
    elif name.startswith(METHOD_PREFIX) and first.line:  # read off the file: a method call on any object
        method = name[len(METHOD_PREFIX):]
        message = (f"the .{method} method is banned in this exercise ({where}): the point is to compute it "
                   f"yourself; any call written `x.{method}(...)` counts (the grader cannot tell a numpy array's "
                   f".{method} from your own), so give your own methods another name")
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
    return replace(verdict, result=shown) if isinstance(verdict, Judged) else shown


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
    ctx = CheckContext(case.args, exp.value, as_items(exp.value, out.value))
    mismatch = check(ctx)  # the answer's own defects first, then a changed input (only where the task forbids it)
    if mismatch is None and single_precision(ctx, strict=True):  # within the tolerance, but in float32 (CURRICULUM: rejected)
        rule = next((r for r in ex.mistakes if r.id == FLOAT32), None)
        return CaseResult(status=Status.FAILED, message="your answer is float32 numbers (single precision) where float64 "
                          "is expected",
                          mistake=rule.message if rule else FLOAT32_MESSAGE, mistake_id=FLOAT32, **base)
    if mismatch is None and out.mutated and ex.keep_inputs:
        names = ", ".join(f"`{m}`" for m in out.mutated)
        return CaseResult(status=Status.FAILED, message=f"your function changed its input {names} in place, "
                          "which the task forbids; work on a copy instead",
                          mistake=f"the input {names} was modified in place", mistake_id="mutated_input", **base)
    if mismatch is None:
        return CaseResult(status=Status.PASSED, **base)
    fired = tuple(rule for rule in ex.mistakes if _fires(rule, ctx, check, tolerance)) \
        if detailed else ()
    return Judged(CaseResult(status=Status.FAILED, message=mismatch.summary, mismatch=mismatch, **base), ctx,
                  fired, tried=detailed)


FLOAT32 = "float32"
FLOAT32_MESSAGE = ("your answer has float32 precision (about 7 digits): compute in float64, numpy's default "
                   "(no dtype=np.float32 or astype(np.float32))")


def as_items(expected: Any, actual: Any) -> Any:
    """An array whose first axis has as many entries as the expected tuple, as the tuple of those entries: a
    tuple of values of one shape returned as one array (np.array([sign, logdet])) converts with np.asarray to
    exactly the expected answer's shape, so it is accepted like a list of them (CURRICULUM, outputs)."""
    if isinstance(expected, tuple) and isinstance(actual, np.ndarray) and actual.ndim >= 1 \
            and actual.dtype.kind in "biufc" and len(actual) == len(expected):
        return tuple(actual)
    return actual


@dataclass(frozen=True)
class Judged:
    """A case's result before mistakes are named, with every rule that explains it."""

    result: CaseResult
    ctx: CheckContext  # the case and the learner's answer
    fired: tuple[MistakeRule, ...] = ()
    tried: bool = True  # fired holds every rule that explains it (False: not tried yet, beyond the detailed ones)


def name_mistakes(ex: Exercise, judged: list["Judged | CaseResult"],
                  check: Callable[[CheckContext], Mismatch | None],
                  tolerance: Mapping[str, Any]) -> tuple[CaseResult, ...]:
    """Name on each failing case the rule that explains the most failing cases (ties: YAML order), among the
    rules the learner's answers do not contradict (`contradicted`)."""
    failing = [item for item in judged if isinstance(item, Judged)]
    counts = {rule.id: sum(rule in item.fired for item in failing) for rule in ex.mistakes}
    trusted: dict[str, bool] = {}

    def trust(rule: MistakeRule) -> bool:
        if rule.id not in trusted:
            trusted[rule.id] = not contradicted(rule, failing, check, tolerance)
        return trusted[rule.id]

    ranked = sorted(ex.mistakes, key=lambda r: -counts[r.id])
    best = next((r for r in ranked if counts[r.id] and trust(r)), None)
    results = []
    for item in judged:
        if isinstance(item, Judged):
            if not item.tried:  # the usual rule first; the others if it does not explain it
                if best is not None and _fires(best, item.ctx, check, tolerance):
                    item = replace(item, fired=(best,))
                else:
                    item = replace(item, fired=tuple(r for r in ex.mistakes if _fires(r, item.ctx, check, tolerance)))
            rule = next((r for r in ranked if r in item.fired and trust(r)), None)
            item = replace(item.result, mistake=rule.message, mistake_id=rule.id) if rule else item.result
        results.append(item)
    return tuple(results)


def contradicted(rule: MistakeRule, failing: list[Judged], check: Callable[[CheckContext], Mismatch | None],
                 tolerance: Mapping[str, Any]) -> bool:
    """Whether the learner's failing answers contradict a mistake more often than they agree with it: on more
    failing cases the mistake would fail too (`mistakes.visible`) and the answer is not the mistake's, or the
    mistake would pass and the answer is NaN or inf, than on cases it explains. Such a rule explains a
    coincidence (the sum of the row lengths equals the sum of absolute values on a diagonal matrix; the
    infinity norm the 1-norm on a symmetric one; X / norm(X) leaves a dominant row nearly unit, as an epsilon
    does), not what the learner did. Where the answers it explains hold no finite number, one case against it
    is enough: a NaN from an overflow is as much a NaN as one from 0 * log 0."""
    agree = disagree = 0
    weak = True  # every agreement is a NaN or inf answer beside the mistake's NaN or inf: any way to NaN agrees
    for item in failing:
        if item.result.hidden:
            continue
        if rule in item.fired if item.tried else _fires(rule, item.ctx, check, tolerance):
            agree += 1
            weak = weak and mistakes.nothing_finite(item.ctx.actual)
        else:  # the mistake would fail this case too, yet not so; or passes it, where the answer is NaN or inf
            shows = mistakes.visible(rule, item.ctx, check)
            disagree += bool(shows or (shows is False and mistakes.nothing_finite(item.ctx.actual)))
    return disagree > agree or (weak and disagree > 0)


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
