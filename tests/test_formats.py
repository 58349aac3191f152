"""JUnit XML and Gradescope results.json, read back by real consumers (junitparser, ElementTree,
a JSON Schema of Gradescope's format); hidden cases and the secret seed in every format."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import numpy as np
import pytest
from junitparser import Error, Failure, JUnitXml

from conftest import SOLUTIONS, linux_runner_only, run_grade
from grader.report import ReportOptions
from grader.results import CaseResult, ExerciseResult, Mismatch, RunReport, Status

COURSE = Path(__file__).resolve().parent / "scenarios_classroom" / "course" / "exercises"
NASTY = "nul\x00 esc\x1b[31m bell\x07 cr\r lone\ud800 fffe\ufffe amp& lt< ]]> quote\" ::error::forged ##[warning]x"
VISIBILITIES = ["visible", "hidden", "after_due_date", "after_published"]
GRADESCOPE_SCHEMA = {  # Gradescope's autograder results format (gradescope-autograders specs)
    "type": "object",
    "required": ["score", "tests"],
    "properties": {
        "score": {"type": "number"}, "execution_time": {"type": "number"}, "output": {"type": "string"},
        "output_format": {"enum": ["text", "html", "simple_format", "md", "ansi"]},
        "test_output_format": {"enum": ["text", "html", "simple_format", "md", "ansi"]},
        "visibility": {"enum": VISIBILITIES}, "stdout_visibility": {"enum": VISIBILITIES},
        "extra_data": {"type": "object"},
        "tests": {"type": "array", "items": {
            "type": "object", "required": ["name", "score", "max_score", "status", "output", "visibility"],
            "properties": {
                "name": {"type": "string"}, "number": {"type": "string"}, "score": {"type": "number"},
                "max_score": {"type": "number", "minimum": 0}, "status": {"enum": ["passed", "failed"]},
                "output": {"type": "string"}, "visibility": {"enum": VISIBILITIES},
                "output_format": {"enum": ["text", "html", "simple_format", "md", "ansi"]},
                "tags": {"type": "array"}, "extra_data": {"type": "object"}}}},
    },
}


def render(fmt: str, report: RunReport) -> str:
    from grader.report import formatter

    return formatter(fmt)(report, ReportOptions(single=len(report.exercises) == 1))


def nasty_report() -> RunReport:
    """A report whose learner-controlled text holds every character XML and CI logs choke on."""
    cases = (
        CaseResult("random-1", Status.PASSED, output="fine\n"),
        CaseResult("random-2", Status.FAILED, f"the result differs {NASTY}", mistake="sign flipped", mistake_id="sign",
                   inputs={"A": "[[1, 2], [3, 4]]"}, expected="-2.0", actual=f"2.0 {NASTY}",
                   mismatch=Mismatch("the result differs", "the result", 4.0), output=f"printed {NASTY}\n"),
        CaseResult("random-3", Status.ERROR, "raised ValueError: secret 42.125 (line 3)", line=3,
                   traceback=f"  File x, line 3\nValueError: {NASTY}", output="before the error\n"),
        CaseResult("random-4", Status.TIMEOUT, "took longer than the limit (2 s per case)"),
        CaseResult("random-5", Status.FAILED, "expected 7.75, got 42.125", hidden=True, inputs={"A": "42.125"},
                   expected="7.75", actual="42.125", output="LEAK 42.125\n", traceback="LEAK 42.125"),
    )
    ex1 = ExerciseResult("determinant", "determinant", "Determinant", Status.ERROR, 7, 0.2, 1.0, cases,
                         "1 of 5 cases passed", "exercises/determinant/determinant.py", 3, f"import-time {NASTY}")
    ex2 = ExerciseResult("matmul", "matrices", "Matmul", Status.BANNED, 7, 0.0, 2.0, (),
                         "numpy.matmul is banned in this exercise (line 4)", "exercises/matrices/matmul.py", 4)
    ex3 = ExerciseResult("dot", "vectors", "Dot", Status.NOT_IMPLEMENTED, 7, 0.0, 1.0, (),
                         "not attempted: there is no file dot.py", "dot.py")
    ex4 = ExerciseResult("norm", "norms", "Norm", Status.PASSED, 7, 1.0, 1.0,
                         (CaseResult("random-1", Status.PASSED), CaseResult("edge-zero", Status.PASSED)),
                         "all 2 cases passed", "norm.py")
    return RunReport((ex1, ex2, ex3, ex4), 7)


# ------------------------------------------------------------------ JUnit


def test_junit_is_read_by_junitparser_and_elementtree() -> None:
    text = render("junit", nasty_report())
    root = ET.fromstring(text.encode("utf-8"))  # strict XML 1.0 parser
    assert root.tag == "testsuites" and root.get("tests") == "9"
    xml = JUnitXml.fromstring(text)
    suites = {s.name: s for s in xml}
    assert list(suites) == ["determinant", "matmul", "dot", "norm"]
    det = suites["determinant"]
    assert (det.tests, det.failures, det.errors) == (5, 2, 2)
    cases = {c.name: c for c in det}
    assert cases["random-1"].is_passed
    failure = cases["random-2"].result[0]
    assert isinstance(failure, Failure) and failure.type == "failed"
    assert "the result differs" in failure.message and "likely mistake: sign flipped" in failure.message
    assert "expected:" in failure.text and "your answer:" in failure.text and "input A =" in failure.text
    assert "printed" in cases["random-2"].system_out
    assert isinstance(cases["random-3"].result[0], Error) and isinstance(cases["random-4"].result[0], Error)
    assert cases["random-3"].classname == "determinant.determinant"
    assert suites["matmul"].tests == 1 and "banned" in list(suites["matmul"])[0].result[0].message
    assert suites["norm"].tests == 2 and suites["norm"].failures == 0
    props = {p.name: p.value for p in det.properties()}
    assert props["seed"] == "7" and props["score"] == "0.2" and props["status"] == "error"


def test_junit_escapes_control_characters_and_cannot_start_workflow_commands() -> None:
    text = render("junit", nasty_report())
    assert not any(ch in text for ch in "\x00\x1b\x07\ud800\ufffe")
    text.encode("utf-8")  # no lone surrogate left
    assert "\\x1b[31m" in text and "\\ud800" in text
    assert not any(line.lstrip().startswith("::") for line in text.splitlines()) and "##[" not in text
    root = ET.fromstring(text.encode("utf-8"))
    out = "".join(root.itertext())
    assert "::error::forged" in out and "##[warning]x" in out  # the escapes read back as the learner's text


def test_junit_of_a_real_grading(tmp_path: Path) -> None:
    learner = tmp_path / "determinant.py"
    learner.write_text((SOLUTIONS / "determinant" / "mistake_sign_flipped.py").read_text()
                       + "\n_inner = determinant\n\n\ndef determinant(A):\n    print('hello from the learner')\n"
                       "    return _inner(A)\n")
    out = tmp_path / "report.xml"
    proc = run_grade("determinant", "--exercises", str(COURSE), "--file", str(learner), "--seed", "3",
                     "--format", "junit", "--output", str(out))
    assert proc.returncode == 1, proc.stderr
    code, data = _json("determinant", "--exercises", str(COURSE), "--file", str(learner), "--seed", "3")
    xml = JUnitXml.fromfile(str(out))
    (suite,) = list(xml)
    assert suite.tests == len(data["cases"])
    failing = [c for c in data["cases"] if not c["passed"]]
    assert suite.failures == len(failing) > 0
    by_name = {c.name: c for c in suite}
    for case in failing:
        result = by_name[case["name"]].result[0]
        assert case["message"][:60] in result.message
        if not case.get("hidden"):
            assert result.message.endswith("?)") or "likely mistake" in result.message
    assert {p.name: p.value for p in suite.properties()}["seed"] == "3"
    shown = [by_name[c["name"]] for c in failing if not c.get("hidden")]
    assert shown and "hello from the learner" in shown[0].system_out
    hidden = [by_name[c["name"]] for c in failing if c.get("hidden")]
    assert hidden and not any(c.system_out for c in hidden)  # output could reveal a hidden case's inputs


def _json(*args: str, env: dict[str, str] | None = None) -> tuple[int, dict]:
    proc = run_grade(*args, "--format", "json", env=env)
    return proc.returncode, json.loads(proc.stdout)


# ------------------------------------------------------------------ Gradescope


def test_gradescope_matches_the_format_and_adds_up() -> None:
    data = json.loads(render("gradescope", nasty_report()))
    jsonschema.validate(data, GRADESCOPE_SCHEMA)
    assert data["score"] == pytest.approx(1.2)
    assert sum(t["score"] for t in data["tests"]) == pytest.approx(data["score"])
    assert sum(t["max_score"] for t in data["tests"]) == pytest.approx(5.0)
    tests = {t["name"]: t for t in data["tests"]}
    assert tests["determinant: random-1"]["status"] == "passed"
    assert tests["determinant: random-2"]["score"] == 0 and "expected:" in tests["determinant: random-2"]["output"]
    assert tests["matmul: banned"]["max_score"] == 2.0 and "banned" in tests["matmul: banned"]["output"]
    hidden = tests["determinant: random-5"]
    assert hidden["visibility"] == "after_published" and "42.125" not in hidden["output"]
    assert "\x1b" not in json.loads(json.dumps(data))["tests"][1]["output"]


def test_gradescope_all_or_nothing_is_one_test_worth_the_points() -> None:
    cases = tuple(CaseResult(f"random-{i}", Status.PASSED if i < 3 else Status.FAILED, "wrong") for i in range(4))
    result = ExerciseResult("softmax", "softmax", "Softmax", Status.FAILED, 1, 0.0, 2.0, cases, "3 of 4 cases passed")
    data = json.loads(render("gradescope", RunReport((result,), 1)))
    jsonschema.validate(data, GRADESCOPE_SCHEMA)
    assert data["tests"][0]["max_score"] == 2.0 and data["tests"][0]["score"] == 0.0
    assert all(t["max_score"] == 0.0 for t in data["tests"][1:]) and len(data["tests"]) == 5


def test_gradescope_of_a_real_grade_all(tmp_path: Path) -> None:
    sub = tmp_path / "submission"
    (sub / "vectors").mkdir(parents=True)
    (sub / "vectors" / "vector_arithmetic.py").write_text(
        (SOLUTIONS / "vector_arithmetic" / "correct_vectorized.py").read_text())
    (sub / "determinant.py").write_text((SOLUTIONS / "determinant" / "mistake_sign_flipped.py").read_text())
    proc = run_grade("all", "--exercises", str(COURSE), "--submission", str(sub), "--seed", "5",
                     "--format", "gradescope", env={"GRADE_SECRET_SEED": "s3cr3t-value"})
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    jsonschema.validate(data, GRADESCOPE_SCHEMA)
    _, plain = _json("all", "--exercises", str(COURSE), "--submission", str(sub), "--seed", "5",
                     env={"GRADE_SECRET_SEED": "s3cr3t-value"})
    assert data["score"] == pytest.approx(plain["score"], abs=1e-6)
    assert [e["score"] for e in plain["exercises"]][0] == 1.0
    assert sum(t["score"] for t in data["tests"]) == pytest.approx(data["score"], abs=1e-5)
    hidden = [t for t in data["tests"] if t["visibility"] != "visible"]
    assert len(hidden) == 5 and all("input" not in t["output"] for t in hidden)
    assert "s3cr3t-value" not in proc.stdout + proc.stderr


# ------------------------------------------------------------------ hidden cases and the secret seed

LEAKER = '''
import os
import numpy as np


def determinant(A):
    marker = "LEAK%.9f" % float(np.sum(A))
    print(marker, sorted(os.environ))
    os.write(1, (marker + "\\n").encode())
    if A.shape[0] == 3:
        raise ValueError(marker)
    return np.array(A)
'''


def _hidden_markers(seed: int, secret: str | None) -> tuple[set[str], set[str]]:
    """The markers the leaker prints for the hidden and for the visible cases of this run."""
    from grader.catalog import load_catalog
    from grader.hidden import make_grader

    ex = load_catalog(COURSE).get("determinant")
    cases, _ = make_grader(None, secret).prepare(ex, seed, None)  # type: ignore[arg-type]
    marks = {c.hidden: set() for c in cases}
    for case in cases:
        marks[case.hidden].add("LEAK%.9f" % float(np.sum(case.args["A"])))
    return marks[True], marks[False]


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "gradescope"])
def test_hidden_cases_show_nothing_in_any_format(tmp_path: Path, fmt: str) -> None:
    learner = tmp_path / "determinant.py"
    learner.write_text(LEAKER)
    secret = "correct horse battery staple"
    summary = tmp_path / "summary.md"
    proc = run_grade("determinant", "--exercises", str(COURSE), "--file", str(learner), "--seed", "11",
                     "--format", fmt, "-v", env={"GRADE_SECRET_SEED": secret, "GITHUB_ACTIONS": "true",
                                                  "GITHUB_STEP_SUMMARY": str(summary)})
    assert proc.returncode == 1, proc.stderr
    everything = proc.stdout + proc.stderr + summary.read_text()
    hidden, visible = _hidden_markers(11, secret)
    assert hidden and visible
    assert any(m in everything for m in visible)  # the learner's visible output is shown (positive control)
    assert not [m for m in hidden if m in everything]
    assert secret not in everything and "GRADE_SECRET_SEED" not in everything
    assert "hidden" in everything


def test_secret_seed_changes_only_the_hidden_cases() -> None:
    plain_hidden, plain_visible = _hidden_markers(11, None)
    secret_hidden, secret_visible = _hidden_markers(11, "one secret")
    other_hidden, _ = _hidden_markers(11, "another secret")
    assert plain_visible == secret_visible  # the printed seed reproduces the visible cases
    assert not plain_hidden & secret_hidden  # ...and not the hidden ones
    assert not other_hidden & secret_hidden
    assert _hidden_markers(11, "one secret")[0] == secret_hidden  # the same secret: the same cases


def test_secret_seed_grades_hidden_cases_correctly() -> None:
    from grader.catalog import load_catalog
    from grader.hidden import make_grader
    from grader.sandbox.client import Sandbox

    ex = load_catalog(COURSE).get("determinant")
    with Sandbox() as box:
        grader = make_grader(box, "a secret")
        result = grader.grade(ex, SOLUTIONS / "determinant" / "correct_gauss.py", 4)
        wrong = [grader.grade(ex, SOLUTIONS / "determinant" / "mistake_sign_flipped.py", seed) for seed in range(6)]
    assert result.passed and sum(c.hidden for c in result.cases) == 5
    assert any(c.hidden and not c.passed and c.mistake_id == "sign_flipped" for r in wrong for c in r.cases)


# ------------------------------------------------------------------ the Gradescope autograder bundle


def test_gradescope_bundle_runs_like_gradescope(tmp_path: Path) -> None:
    import stat
    import subprocess
    import zipfile

    zip_path = tmp_path / "autograder.zip"
    proc = run_grade("bundle", "gradescope", "--exercises", str(COURSE), "--output", str(zip_path),
                     "--secret-seed", "bundle-secret")
    assert proc.returncode == 0, proc.stderr
    home = tmp_path / "autograder"
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
        modes = {i.filename: i.external_attr >> 16 for i in zf.infolist()}
        zf.extractall(home / "source")
    assert {"setup.sh", "run_autograder", "grade/pyproject.toml", "grade/grader/cli.py", "secret_seed",
            "course/exercises/determinant/determinant.yaml", "course/reference/determinant.py"} <= set(names)
    assert modes["run_autograder"] & stat.S_IXUSR and modes["setup.sh"] & stat.S_IXUSR
    assert not any("__pycache__" in n for n in names)
    for script in ("setup.sh", "run_autograder"):
        (home / "source" / script).chmod(0o755)
        assert subprocess.run(["bash", "-n", str(home / "source" / script)]).returncode == 0
    submission = home / "submission"  # uploaded flat, as students drag files in
    submission.mkdir()
    (submission / "vector_arithmetic.py").write_text(
        (SOLUTIONS / "vector_arithmetic" / "correct_loops.py").read_text())
    (submission / "determinant.py").write_text("def determinant(A:\n")
    env = {**os.environ, "AUTOGRADER": str(home), "NO_COLOR": "1"}
    env.pop("GRADE_SEED", None)
    run = subprocess.run(["bash", str(home / "source" / "run_autograder")], env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    results = json.loads((home / "results" / "results.json").read_text())
    jsonschema.validate(results, GRADESCOPE_SCHEMA)
    assert results["score"] == 1.0
    by_exercise: dict[str, list[dict]] = {}
    for test in results["tests"]:
        by_exercise.setdefault(test["extra_data"]["exercise"], []).append(test)
    assert sum(t["score"] for t in by_exercise["vector_arithmetic"]) == pytest.approx(1.0)
    (syntax,) = by_exercise["determinant"]
    assert syntax["status"] == "failed" and "syntax error" in syntax["output"]
    assert "bundle-secret" not in json.dumps(results) + run.stdout + run.stderr


SNOOPER = '''
import os


def determinant(A):
    found = []
    pid = os.getpid()
    for _ in range(12):
        try:
            with open(f"/proc/{pid}/environ", "rb") as handle:
                found.append(handle.read().decode("latin-1"))
        except OSError as exc:
            found.append(type(exc).__name__)
        try:
            with open(f"/proc/{pid}/stat") as handle:
                pid = int(handle.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            break
        if pid <= 1:
            break
    print("SNOOP", " | ".join(found))
    return 0.0
'''


@linux_runner_only("the grader's environment is unreadable to learner code (another uid, non-dumpable grader)")
def test_learner_code_cannot_read_the_secret_from_its_ancestors(tmp_path: Path) -> None:
    learner = tmp_path / "determinant.py"
    learner.write_text(SNOOPER)
    proc = run_grade("determinant", "--exercises", str(COURSE), "--file", str(learner), "--seed", "1",
                     "--format", "json", env={"GRADE_SECRET_SEED": "snoop-target-7d1f"})
    data = json.loads(proc.stdout)
    shown = [c.get("output", "") for c in data["cases"]]
    assert any("SNOOP" in text for text in shown)  # it ran and printed what it found (positive control)
    assert "snoop-target-7d1f" not in proc.stdout + proc.stderr
