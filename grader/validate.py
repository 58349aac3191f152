"""`grade validate`: prove exercise definitions, reporting every problem of every file.

For each exercise, over many seeds: the schema holds; the reference passes its own check;
other valid answers (list output, the check's own variants such as flipped signs) pass;
wrong mutants of the reference (negated, transposed, doubled, float32) fail somewhere;
each mistake rule fires on an instance of its mistake and not on the correct answer;
the stub grades as not_implemented.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import click
import numpy as np

from grader import algorithmic, catalog, checks, families, mistakes, scaffold, signatures
from grader.checks.core import CheckContext, allclose
from grader.definition import Exercise, load
from grader.errors import DefinitionError, MissingFile, Problem
from grader.grading import Grader, call_with, load_reference
from grader.judging import _bound_check
from grader.dotted import resolve
from grader.inputs import Case, build_cases, fresh
from grader.results import Mismatch, Status

MIN_HINTS = 2


@dataclass
class Proof:
    """What validation established for one exercise."""

    exercise: Exercise
    problems: list[Problem] = field(default_factory=list)
    cases: int = 0
    edge_cases: int = 0
    seeds: int = 0
    mutants_caught: dict[str, int] = field(default_factory=dict)
    mistakes_fired: dict[str, int] = field(default_factory=dict)
    mutant_runs: list[algorithmic.MutantRun] = field(default_factory=list)


def mutants() -> dict[str, Callable[[Any], list[Any]]]:
    """Wrong answers made from a correct one, each applied to the whole answer and to each item
    of a tuple alone (negating both Q and R is a valid QR; negating R alone is not). For each
    kind, at least one placement must fail at least one case."""

    def each(func: Callable[[np.ndarray], np.ndarray]) -> Callable[[Any], list[Any]]:
        def placements(answer: Any) -> list[Any]:
            if not isinstance(answer, tuple):
                return [func(np.asarray(answer))]
            made = [tuple(func(np.asarray(a)) for a in answer)]
            for i in range(len(answer)):
                made.append(tuple(func(np.asarray(a)) if j == i else a for j, a in enumerate(answer)))
            return made

        return placements

    return {
        "negated": each(lambda a: -a),
        "doubled": each(lambda a: a * 2),
        "transposed": each(lambda a: np.swapaxes(a, -1, -2) if a.ndim >= 2 else a),
        "float32": each(lambda a: a.astype(np.complex64 if np.iscomplexobj(a) else np.float32)
                        .astype(np.complex128 if np.iscomplexobj(a) else np.float64) * (1 + 3e-7)),
        "first-item-only": lambda answer: [answer[0]] if isinstance(answer, tuple) else [],
    }


def _swapped_arguments(reference: Callable[..., Any], case: Case) -> Any | None:
    """The reference's answer with its first two arguments swapped, when they are alike arrays."""
    names = list(case.args)
    if len(names) < 2:
        return None
    first, second = case.args[names[0]], case.args[names[1]]
    if not (isinstance(first, np.ndarray) and isinstance(second, np.ndarray) and first.shape == second.shape):
        return None
    args = dict(case.args)
    args[names[0]], args[names[1]] = second, first
    try:
        with np.errstate(all="ignore"):
            return call_with(reference, args)
    except Exception:  # noqa: BLE001 - a reference need not accept swapped inputs
        return None


def as_lists(answer: Any) -> Any:
    """The same answer as nested Python lists and floats (must be accepted)."""
    if isinstance(answer, tuple):
        return [as_lists(a) for a in answer]
    arr = np.asarray(answer)
    return arr.tolist()


def differs(a: Any, b: Any) -> bool:
    """Whether two answers differ at all (a mutant equal to the answer proves nothing)."""
    try:
        if isinstance(a, tuple) or isinstance(b, tuple):
            return len(a) != len(b) or any(differs(x, y) for x, y in zip(a, b))
        x, y = np.asarray(a), np.asarray(b)
        return x.shape != y.shape or not np.array_equal(x, y, equal_nan=True)
    except (TypeError, ValueError):
        return True


def prove(ex: Exercise, seeds: int, grader: Grader | None) -> Proof:
    """Run every proof for one exercise."""
    proof = Proof(ex, seeds=seeds)
    proof.problems += scaffold.placeholder_problems(ex)
    if len(ex.hints) < MIN_HINTS:
        proof.problems.append(ex.problem(f"give at least {MIN_HINTS} hints, from a nudge to nearly the method",
                                         "hints"))
    try:
        reference = load_reference(ex)
    except DefinitionError as exc:
        proof.problems.extend(exc.problems)
        return proof
    proof.problems += signatures.problems(ex, reference)
    check = _bound_check(ex)
    variants = checks.variants_for(ex.check.name)
    tolerance = {k: v for k, v in ex.check.params.items() if k in ("rtol", "atol", "atol_scale")}
    caught = {name: 0 for name in [*mutants(), "swapped-arguments"]}
    applicable = dict(caught)
    fired = {m.id: 0 for m in ex.mistakes}
    distinguishable = {m.id: 0 for m in ex.mistakes}
    rng = np.random.default_rng(0)
    for seed in range(seeds):
        try:
            cases = build_cases(ex, seed)
        except DefinitionError as exc:
            proof.problems.extend(exc.problems)
            return proof
        proof.cases = sum(1 for c in cases if c.name.startswith("random-"))
        proof.edge_cases = len(cases) - proof.cases
        for case in cases:
            if case.raises:
                _prove_value_rules(ex, case, tolerance, fired, distinguishable)
                continue
            try:
                with np.errstate(all="ignore"):
                    correct = call_with(reference, case.args)
            except Exception as exc:  # noqa: BLE001
                proof.problems.append(ex.problem(f"the reference raised {type(exc).__name__}: {exc} "
                                                 f"(seed {seed}, {case.name})", "reference"))
                return proof
            ctx = CheckContext(case.args, correct, correct)
            found = check(ctx)
            if found is not None:
                proof.problems.append(_fails(ex, "the reference fails its own check", seed, case, found))
                return proof
            alternatives = [("as nested lists", as_lists(correct))]
            alternatives += [(name, alt) for name, alt in variants(ctx, rng)]
            for name, alt in alternatives:
                found = check(ctx.with_actual(alt))
                if found is not None:
                    proof.problems.append(_fails(ex, f"a valid answer ({name}) is rejected", seed, case, found))
                    return proof
            for name, mutate in mutants().items():
                try:
                    with np.errstate(all="ignore"):
                        placements = [w for w in mutate(correct) if differs(w, correct)]
                except (ValueError, TypeError, IndexError):
                    continue
                if placements:
                    applicable[name] += 1
                    if any(check(ctx.with_actual(wrong)) is not None for wrong in placements):
                        caught[name] += 1
            swapped = _swapped_arguments(reference, case)
            with np.errstate(all="ignore"):
                material = swapped is not None and allclose(CheckContext(case.args, correct, swapped), rtol=1e-6)
            if material:
                # materially different: the function is not symmetric in these arguments
                applicable["swapped-arguments"] += 1
                if check(ctx.with_actual(swapped)) is not None:
                    caught["swapped-arguments"] += 1
            for name in case.args:
                if name in ex.ignorable_args:
                    continue
                applies, ignored = algorithmic.ignored_argument(reference, case, name)
                if applies:
                    key = f"ignores-{name}"
                    applicable[key] = applicable.get(key, 0) + 1
                    caught[key] = caught.get(key, 0) + (ignored is None or check(ctx.with_actual(ignored)) is not None)
            for rule in ex.mistakes:
                _prove_rule(ex, rule, ctx, check, tolerance, variants, rng, fired, distinguishable, proof,
                            seed, case)
            if proof.problems:
                return proof
    for name, count in caught.items():
        if count == 0 and applicable[name] > 0:
            what = f"the reference with `{name[8:]}` replaced by a constant" if name.startswith("ignores-") \
                else f"{name} reference answer"
            proof.problems.append(ex.problem(f"a wrong answer ({what}) passes every case of "
                                             f"{seeds} seeds: the check or the inputs cannot tell it apart", "check"))
    for i, rule in enumerate(ex.mistakes):
        if distinguishable[rule.id] == 0:
            why = "no case makes this mistake fail the check, so it can never be reported"
            if rule.example is None and (rule.when not in (None, "nonfinite") or mistakes.invert(rule.fix) is None):
                why = "the grader cannot make an instance of it: add `example: package.module:function` " \
                      "returning an answer with this mistake"
            proof.problems.append(ex.problem(f"mistake {rule.id!r}: {why}", "mistakes", i))
    proof.mutants_caught = caught
    proof.mistakes_fired = fired
    if grader is not None:
        _prove_stub(ex, grader, proof)
        for file in algorithmic.mutant_files(ex):
            run = algorithmic.run_mutant(ex, file, grader)
            proof.mutant_runs.append(run)
            if not run.ok:
                proof.problems.append(Problem(str(file), None, "", f"algorithmic mutant {file.name}: {run.why}"))
    return proof


def _prove_value_rules(ex: Exercise, case: Case, tolerance: dict[str, Any], fired: dict[str, int],
                       distinguishable: dict[str, int]) -> None:
    """On a case that must raise, a `matches` rule whose function returns a value names that value."""
    for rule in ex.mistakes:
        if not rule.matches:
            continue
        try:
            with np.errstate(all="ignore"):
                wrong = resolve(rule.matches)(**fresh(case.args))
        except Exception:  # noqa: BLE001 - the mistake raises here too: nothing to name
            continue
        if wrong is not None and mistakes.explains_value((rule,), case.args, wrong, tolerance) is rule:
            distinguishable[rule.id] += 1
            fired[rule.id] += 1


def _prove_rule(ex: Exercise, rule: Any, ctx: CheckContext, check: Callable[[CheckContext], Mismatch | None],
                tolerance: dict[str, Any], variants: Callable[..., list[tuple[str, Any]]], rng: np.random.Generator,
                fired: dict[str, int], distinguishable: dict[str, int], proof: Proof, seed: int, case: Case) -> None:
    at = ("mistakes", [m.id for m in ex.mistakes].index(rule.id))
    try:
        wrong = mistakes.instance(rule, ctx.inputs, ctx.expected)
    except Exception as exc:  # noqa: BLE001 - an instructor's function failed
        proof.problems.append(ex.problem(f"mistake {rule.id!r}: making an instance raised {type(exc).__name__}: {exc}",
                                         *at))
        return
    if wrong is None or check(ctx.with_actual(wrong)) is None:
        return  # this case cannot show the mistake (e.g. a sign bug on a positive determinant)
    distinguishable[rule.id] += 1
    if not mistakes.fires(rule, ctx.with_actual(wrong), check, tolerance):
        proof.problems.append(ex.problem(f"mistake {rule.id!r} does not fire on an instance of its mistake "
                                         f"(seed {seed}, {case.name})", *at))
        return
    fired[rule.id] += 1
    for name, answer in [("the reference answer", ctx.expected)] + list(variants(ctx, rng)):
        if mistakes.fires(rule, ctx.with_actual(answer), check, tolerance):
            proof.problems.append(ex.problem(f"mistake {rule.id!r} fires on a correct answer ({name}; seed {seed}, "
                                             f"{case.name})", *at))
            return


def _fails(ex: Exercise, what: str, seed: int, case: Case, found: Mismatch) -> Problem:
    return ex.problem(f"{what} on seed {seed}, case {case.name}: {found.summary}", "check")


def _prove_stub(ex: Exercise, grader: Grader, proof: Proof) -> None:
    result = grader.grade(ex, ex.stub, seed=0, count=2)
    if result.status is not Status.NOT_IMPLEMENTED:
        proof.problems.append(ex.problem(f"the stub should grade as not_implemented, but it is {result.status.value}: "
                                         f"{result.message}", "stub"))


def collect(paths: tuple[str, ...], exercises_dir: str | None) -> tuple[list[Exercise], list[Problem]]:
    """Load the definitions named (files or folders), or the whole exercises folder."""
    files: list[Path] = []
    if paths:
        for name in paths:
            path = Path(name)
            if path.is_dir():
                files += catalog.definition_files(path)
            elif path.is_file():
                files.append(path)
            else:
                raise MissingFile(f"no such file or folder: {path}")
    else:
        files = catalog.definition_files(catalog.find_root(exercises_dir))
    loaded: list[Exercise] = []
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    found: list[tuple[Path, Exercise]] = []
    for file in files:
        try:
            found.append((file, load(file)))
        except DefinitionError as exc:
            problems.extend(exc.problems)
    for file, ex in sorted(found, key=lambda item: item[0].stem != item[1].id):  # of two with one id, the one
        if ex.id in seen:  # named after it is the exercise (as in catalog.load_catalog)
            problems.append(ex.problem(f"the id {ex.id!r} is already used by {seen[ex.id]}", "id"))
            continue
        if file.stem != ex.id:
            problems.append(ex.problem(f"the file should be named {ex.id}.yaml after its id", "id"))
        problems.extend(families.problems(ex, ex.families))
        problems.extend(ex.problem(f"ignorable_args: {name!r} is not an argument", "ignorable_args")
                        for name in ex.ignorable_args if name not in ex.args)
        if ex.keep_inputs and "modif" not in ex.task.lower():
            problems.append(ex.problem("keep_inputs fails answers that change an input, so the task must say so "
                                       "(e.g. 'do not modify X')", "keep_inputs"))
        seen[ex.id] = file
        loaded.append(ex)
    return loaded, problems


def coverage_lines(ex: Exercise, proof: Proof | None) -> list[str]:
    """The coverage table's rows for one exercise: families and their cases, then mutants and their verdicts."""
    declared = ex.families or {}
    rows = [f"{ex.id}"]
    for name, cases in (declared.get("applies") or {}).items():
        rows.append(f"  family   {name:<18} {', '.join(cases)}")
    for name, why in (declared.get("not_applicable") or {}).items():
        rows.append(f"  n/a      {name:<18} {why}")
    for name in families.undeclared(declared):
        rows.append(f"  UNDECLARED {name}")
    if proof is not None:
        for key, count in proof.mutants_caught.items():
            if key.startswith("ignores-"):
                rows.append(f"  mutant   {key:<34} caught on {count} case(s)")
        for run in proof.mutant_runs:
            named = ", ".join(run.named) or "no mistake named"
            verdict = "ok" if run.ok else f"PROBLEM: {run.why}"
            rows.append(f"  mutant   {run.file.name:<34} {run.status:<8} {named}  [{verdict}]")
    return rows


def validate_paths(paths: tuple[str, ...], exercises_dir: str | None, seeds: int, quick: bool,
                   coverage: bool = False) -> int:
    """The command: print a line per exercise and every problem; exit 1 if any problem."""
    exercises, problems = collect(paths, exercises_dir)
    for problem in problems:
        click.echo(f"error: {problem}")
    if quick:
        for ex in exercises:
            if coverage:
                click.echo("\n".join(coverage_lines(ex, None)))
            unfinished = scaffold.placeholder_problems(ex) + signatures.problems(ex, None)  # no reference imported
            for problem in unfinished:
                click.echo(f"error: {problem}")
            click.echo(f"FAILED  {ex.id}" if unfinished else f"ok      {ex.id}: definition is valid")
            problems += unfinished
        return 1 if problems else 0
    from grader.sandbox.client import Sandbox

    bad = bool(problems)
    with Sandbox() as sandbox:
        grader = Grader(sandbox)
        for ex in exercises:
            try:
                proof = prove(ex, seeds, grader)
            except DefinitionError as exc:
                proof = Proof(ex, problems=list(exc.problems))
            if coverage:
                click.echo("\n".join(coverage_lines(ex, proof)))
            if proof.problems:
                bad = True
                for problem in proof.problems:
                    click.echo(f"error: {problem}")
                click.echo(f"FAILED  {ex.id}")
                continue
            fired = sum(proof.mistakes_fired.values())
            click.echo(f"ok      {ex.id}: {proof.cases} random + {proof.edge_cases} edge cases x {seeds} seeds; "
                       f"{len(ex.hints)} hints; {len(ex.mistakes)} mistake rules ({fired} firings); "
                       f"mutants caught: " + ", ".join(f"{k} {v}" for k, v in proof.mutants_caught.items()))
    return 1 if bad else 0
