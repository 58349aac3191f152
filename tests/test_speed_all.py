"""`grade all` graded concurrently gives the same report as before, for the same seed.

The goldens under tests/golden/ were produced by the sequential `grade all` of main (before the
pipelined one), normalised: the submission folder's path and every decimal number in messages
(digits a BLAS build may change) are replaced. The pipelined and the forced-sequential modes
must also agree exactly, digits included, on this machine.

Regenerate the goldens (only when the report is meant to change): python tests/test_speed_all.py
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SOLUTIONS = HERE / "solutions"
GOLDEN = HERE / "golden"
SEED = 7
NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+(?=[eE]))(?:[eE][-+]?\d+)?|\b(?:nan|inf)\b")


def build_submission(folder: Path, kind: str) -> Path:
    """A submission laid out like the exercises folder: every exercise correct, or a mix of failures."""
    sys.path.insert(0, str(ROOT))
    from grader.catalog import load_catalog

    cat = load_catalog(ROOT / "exercises")
    for i, ex in enumerate(cat.ordered()):
        pick = "correct_" if kind == "perfect" else ("mistake_", "wrong_", None, "banned_", "correct_", "stub")[i % 6]
        target = folder / ex.stub.relative_to(cat.root)
        target.parent.mkdir(parents=True, exist_ok=True)
        if pick is None:
            continue  # not attempted
        if pick == "stub":
            shutil.copyfile(ex.stub, target)
            continue
        found = sorted((SOLUTIONS / ex.id).glob(f"{pick}*.py")) or sorted((SOLUTIONS / ex.id).glob("correct_*.py"))
        shutil.copyfile(found[0], target)
    return folder


def grade_all(submission: Path, sequential: bool = False) -> dict[str, Any]:
    """The real `grade all --seed 7 --format json` on a submission (this checkout's grader)."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    env.pop("GRADE_SEED", None)
    env.pop("GRADE_SEQUENTIAL", None)
    if sequential:
        env["GRADE_SEQUENTIAL"] = "1"
    proc = subprocess.run([sys.executable, "-m", "grader.cli", "all", "--submission", str(submission),
                           "--seed", str(SEED), "--format", "json"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)


def normalise(report: Any, submission: Path) -> Any:
    """The report without what may differ between machines: the submission's path, timings, decimal digits."""
    if isinstance(report, dict):
        return {k: normalise(v, submission) for k, v in report.items()
                if k not in ("seconds", "elapsed", "duration", "time")}
    if isinstance(report, list):
        return [normalise(v, submission) for v in report]
    if isinstance(report, str):
        # numbers, and the padding numpy puts around them, may differ with the BLAS build
        return re.sub(r"\s+", " ", NUMBER.sub("<num>", report.replace(str(submission), "SUBMISSION")))
    return report


def verdicts(exercise: dict[str, Any]) -> tuple[Any, ...]:
    """What must not change with the BLAS build: status, score and each case's verdict and mistake."""
    return (exercise["exercise"], exercise["status"], exercise["score"],
            [(c["name"], c["passed"], c.get("mistake")) for c in exercise["cases"]])


@pytest.fixture(scope="module", params=["perfect", "mixed"])
def submission(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    kind = request.param
    return kind, build_submission(tmp_path_factory.mktemp(kind), kind)


def test_concurrent_report_equals_the_golden_from_before(submission: tuple[str, Path]) -> None:
    kind, folder = submission
    got = normalise(grade_all(folder), folder)
    want = json.loads((GOLDEN / f"all_{kind}_seed{SEED}.json").read_text())
    assert [e["exercise"] for e in got["exercises"]] == [e["exercise"] for e in want["exercises"]]
    for mine, theirs in zip(got["exercises"], want["exercises"]):  # verdicts, case by case
        assert verdicts(mine) == verdicts(theirs), mine["exercise"]
    # messages hold digits and numpy's padding, which a BLAS build may change: the exact equality of the
    # reports is checked on this machine by test_concurrent_and_sequential_modes_agree_exactly
    if kind == "mixed":
        statuses = {e["status"] for e in got["exercises"]}
        assert {"passed", "failed", "banned", "not_implemented"} <= statuses, statuses


def test_concurrent_and_sequential_modes_agree_exactly(submission: tuple[str, Path]) -> None:
    _kind, folder = submission
    assert grade_all(folder) == grade_all(folder, sequential=True)


def test_a_reference_that_raises_stops_that_exercise_only_in_both_modes(tmp_path: Path) -> None:
    """The expected answers come from a forked copy of the grader in the pipelined mode: a reference that
    raises there is that exercise's definition error, said as in the sequential mode; the rest is graded."""
    course = tmp_path / "course"
    shutil.copytree(ROOT / "exercises", course / "exercises")
    shutil.copytree(ROOT / "reference", course / "reference")
    broken = course / "reference" / "determinant.py"
    broken.write_text(broken.read_text() + "\n\ndef determinant(A):\n    raise RuntimeError('broken on purpose')\n")
    folder = build_submission(tmp_path / "submission", "perfect")
    runs = []
    for sequential in (False, True):
        env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": os.pathsep.join([str(course), str(ROOT)])}
        env.pop("GRADE_SEED", None)
        env.pop("GRADE_SEQUENTIAL", None)
        if sequential:
            env["GRADE_SEQUENTIAL"] = "1"
        proc = subprocess.run([sys.executable, "-m", "grader.cli", "all", "--submission", str(folder), "--seed",
                               str(SEED), "--format", "json", "--exercises", str(course / "exercises")],
                              cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 2, proc.stderr
        assert "the reference raised RuntimeError: broken on purpose" in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr, proc.stderr
        report = json.loads(proc.stdout)
        graded = {e["exercise"]: e for e in report["exercises"]}
        assert len(graded) == 40 and not report["passed"], list(graded)  # the invalid one too, said as such
        assert graded.pop("determinant")["status"] == "error"
        assert any("broken on purpose" in problem for problem in report["problems"]), report.get("problems")
        assert {e["status"] for e in graded.values()} == {"passed"}
        runs.append((report, proc.stderr))
    assert runs[0] == runs[1]


PEEK = """
def vector_arithmetic(a, b):
    try:
        with open({path!r}) as handle:
            handle.read(10)
        return a, a, a, a  # read the reference: a wrong answer, so that the test sees it
    except OSError:
        return a + b, a - b, a * b, a / b
"""


def test_grade_all_keeps_the_references_unreadable(tmp_path: Path) -> None:
    """The grader that hands the expected answers to a forked copy still names the references' folder
    among those learner code may not read (what the portable runner's audit hook refuses; the Linux
    runner's Landlock rules never let learner code read the checkout anyway)."""
    folder = build_submission(tmp_path / "submission", "perfect")
    target = next(folder.rglob("vector_arithmetic.py"))
    target.write_text(PEEK.format(path=str(ROOT / "reference" / "vectors.py")))
    report = grade_all(folder)
    row = next(e for e in report["exercises"] if e["exercise"] == "vector_arithmetic")
    assert row["status"] == "passed", row


if __name__ == "__main__":
    import tempfile

    GOLDEN.mkdir(exist_ok=True)
    for name in ("perfect", "mixed"):
        where = build_submission(Path(tempfile.mkdtemp(prefix=f"golden-{name}-")), name)
        (GOLDEN / f"all_{name}_seed{SEED}.json").write_text(
            json.dumps(normalise(grade_all(where, sequential=True), where), indent=1, sort_keys=True) + "\n")
        print("wrote", GOLDEN / f"all_{name}_seed{SEED}.json")


def test_exercises_banning_the_same_calls_run_together_and_results_keep_course_order() -> None:
    """sharing_order: a permutation of the course in which each banned list forms one run (so one learner
    process serves it), groups and members in course order; grade_many still yields in course order
    (the goldens above)."""
    from grader.catalog import load_catalog
    from grader.grading import sharing_order

    exercises = load_catalog(ROOT / "exercises").ordered()
    order = sharing_order(exercises)
    assert sorted(order) == list(range(len(exercises)))
    runs = [frozenset(exercises[order[0]].banned)]
    for index in order[1:]:
        if frozenset(exercises[index].banned) != runs[-1]:
            runs.append(frozenset(exercises[index].banned))
    assert len(runs) == len(set(runs)) == len({frozenset(ex.banned) for ex in exercises})
    for group in runs:
        members = [i for i in order if frozenset(exercises[i].banned) == group]
        assert members == sorted(members)


def test_one_learner_process_serves_a_submission_across_its_topic_folders(tmp_path: Path) -> None:
    """Exercises in different topic folders of one submission, banning nothing, run in the same learner
    process: each file says which by raising with its pid."""
    topics = {"vectors": "vector_arithmetic", "norms": "normalize_rows", "hadamard": "glu"}
    for topic, function in topics.items():
        (tmp_path / topic).mkdir()
        (tmp_path / topic / f"{function}.py").write_text(
            f"import os\n\n\ndef {function}(*args, **kwargs):\n    raise ValueError(f'PID {{os.getpid()}}')\n")
    report = grade_all(tmp_path)
    graded = {e["exercise"]: e for e in report["exercises"] if e["exercise"] in topics.values()}
    assert {name: e["status"] for name, e in graded.items()} == dict.fromkeys(topics.values(), "error")
    pids = {re.search(r"PID (\d+)", e["cases"][0]["message"]).group(1) for e in graded.values()}  # type: ignore[union-attr]
    assert len(pids) == 1, [e["cases"][0]["message"] for e in graded.values()]


def test_a_worker_lost_with_the_next_exercise_queued_costs_only_the_running_one(tmp_path: Path) -> None:
    """The Linux runner takes the next exercise before the last one is collected: when the worker dies while
    a learner's code runs, that exercise is blamed and the queued one is sent to a fresh worker."""
    import signal
    import threading
    import time

    sys.path.insert(0, str(ROOT))
    from grader.catalog import load_catalog
    from grader.grading import Grader
    from grader.sandbox import runner
    from grader.sandbox.client import Sandbox

    if runner.portable():
        pytest.skip("Linux runner only: the portable runner takes one request at a time")
    cat = load_catalog(ROOT / "exercises")
    slow = tmp_path / "vector_arithmetic.py"
    slow.write_text("import time\n\n\ndef vector_arithmetic(a, b):\n    time.sleep(1.0)\n    return a + b, a - b, a * b, a / b\n")
    good = sorted((SOLUTIONS / "cosine_similarity").glob("correct_*.py"))[0]
    jobs = [(cat.get("vector_arithmetic"), slow), (cat.get("cosine_similarity"), good),
            (cat.get("dot_product"), sorted((SOLUTIONS / "dot_product").glob("correct_*.py"))[0])]
    with Sandbox() as box:
        first_worker = box.proc.pid

        def kill_when_running() -> None:  # once the slow learner sleeps (the next request is queued by then)
            time.sleep(3.0)
            os.kill(first_worker, signal.SIGKILL)

        killer = threading.Thread(target=kill_when_running)
        killer.start()
        results = list(Grader(box).grade_many(jobs, SEED))
        killer.join()
        assert box.proc.pid != first_worker  # a fresh worker took the rest
    assert [r.exercise for r in results] == ["vector_arithmetic", "cosine_similarity", "dot_product"]
    assert results[0].status.value != "passed"
    assert [r.status.value for r in results[1:]] == ["passed", "passed"], [r.message for r in results]
