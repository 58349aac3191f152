"""Which picture explains a failing case, and the data behind it: the learner's loss after each number
of steps against the reference's (gradient descent), or where a matrix answer differs (a heat map).

The learner's code runs again in the isolated runner on the failing case's inputs (with fewer steps
for a curve); the reference runs here, as for grading. Drawing is grader/plots.py's job.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Mapping

import numpy as np

from grader.definition import Exercise
from grader.grading import Grader, _limits, blocked_dirs, call_with, load_reference
from grader.inputs import Case
from grader.results import ExerciseResult
from grader.sandbox import callables
from grader.sandbox.client import RunRequest

STEP_ARGS = ("steps", "epochs", "iterations", "iters")
MAX_POINTS = 41


@dataclass(frozen=True)
class Picture:
    """A PNG and what it shows."""

    kind: str  # loss_curve | difference
    case: str
    png: bytes


def picture_for(grader: Grader, ex: Exercise, file: Path, result: ExerciseResult,
                count: int | None = None) -> Picture | None:
    """A picture of the first failing visible case, when one explains it; None otherwise."""
    from grader import plots

    failing = next((c for c in result.cases if not c.passed and not c.hidden and c.name != "import"), None)
    if failing is None:
        return None
    cases, _ = grader.prepare(ex, result.seed, count, failing.name)
    case = cases[0]
    step_arg = next((a for a in STEP_ARGS if isinstance(case.args.get(a), (int, np.integer))), None)
    reference = load_reference(ex)
    if step_arg is not None:
        loss = loss_function(case.args)
        if loss is None:
            return None
        total = int(case.args[step_arg])
        ks = sorted({int(round(k)) for k in np.linspace(0, total, min(total + 1, MAX_POINTS))})
        variants = [Case(f"{step_arg}-{k}", {**case.args, step_arg: k}) for k in ks]
        yours = [loss(v) if v is not None else float("nan") for v in run_learner(grader, ex, file, variants)]
        ref = [loss(call_with(reference, v.args)) for v in variants]
        title = f"{ex.id}, case {case.name}: loss after each step"
        return Picture("loss_curve", case.name, plots.loss_curve(ks, yours, ref, title))
    answer = call_with(reference, case.args)
    expected = np.asarray(answer) if _numeric(answer) else None
    if expected is None or expected.ndim != 2:
        return None
    actual = run_learner(grader, ex, file, [case])[0]
    if actual is None or not _numeric(actual) or np.shape(actual) != expected.shape:
        return None
    diff = np.asarray(actual) - expected
    return Picture("difference", case.name, plots.difference_heatmap(diff, f"{ex.id}, case {case.name}: "
                                                                           "where yours differs"))


def _numeric(value: Any) -> bool:
    try:
        arr = np.asarray(value)
    except Exception:  # noqa: BLE001 - anything odd the learner returned is simply not drawn
        return False
    return arr.dtype.kind in "biufc"


def loss_function(args: Mapping[str, Any]) -> Callable[[Any], float] | None:
    """The loss the case minimises: mean squared error for (X, y), else the function behind `grad`."""
    if "X" in args and "y" in args:
        X, y = np.asarray(args["X"], dtype=float), np.asarray(args["y"], dtype=float)

        def mse(w: Any) -> float:
            try:
                return float(np.mean((X @ np.asarray(w, dtype=float) - y) ** 2))
            except (ValueError, TypeError):
                return float("nan")

        return mse
    spec = args.get("grad")
    if isinstance(spec, callables.CallableSpec) and spec.factory.endswith("_grad"):
        f = callables.build(replace(spec, factory=spec.factory.removesuffix("_grad")))

        def value(x: Any) -> float:
            try:
                with np.errstate(all="ignore"):
                    return float(f(np.asarray(x, dtype=float)))
            except (ValueError, TypeError):
                return float("nan")

        return value
    return None


def run_learner(grader: Grader, ex: Exercise, file: Path, cases: list[Case]) -> list[Any]:
    """The learner's answers on these cases (None where it did not return a value), in the isolated runner."""
    request = RunRequest(file.resolve(), ex.function, tuple((c.name, c.args) for c in cases), ex.banned,
                         _limits(ex), blocked_dirs())
    outcome = grader.sandbox.run(request)
    if outcome.import_error is not None or outcome.import_failure is not None or outcome.banned:
        return [None] * len(cases)
    return [o.value if o.kind == "value" and o.unrepresentable is None else None for o in outcome.cases]


def write_picture(grader: Grader, ex: Exercise, file: Path, result: ExerciseResult, count: int | None,
                  output: str) -> None:
    """`--plot FILE.png`: write the failing case's picture and say so on stderr (or why there is none)."""
    import click

    from grader.errors import GradeError

    if result.passed:
        click.echo(f"grade: no picture: {ex.id} passed", err=True)
        return
    picture = picture_for(grader, ex, file, result, count)
    if picture is None:
        click.echo(f"grade: no picture for this failure of {ex.id} (pictures show gradient-descent loss curves "
                   "and matrix answers)", err=True)
        return
    try:
        Path(output).write_bytes(picture.png)
    except OSError as exc:
        raise GradeError(f"cannot write the picture to {output}: {exc}") from None
    what = "loss curves" if picture.kind == "loss_curve" else "heat map of the difference"
    click.echo(f"grade: wrote {output} ({what}, case {picture.case})", err=True)
