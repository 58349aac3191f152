"""GitHub Actions: annotations on the learner's file, the job summary table, workflow-command
escaping and injection, and the shipped workflow's steps run locally one by one on a course
repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from junitparser import JUnitXml

from conftest import ROOT, SOLUTIONS, run_grade
from grader.report.github import annotation, escape_data, escape_property, guard, summary_table
from grader.results import CaseResult, ExerciseResult, RunReport, Status

COURSE = Path(__file__).resolve().parent / "scenarios_classroom" / "course" / "exercises"
UNESCAPE = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}


def unescape(text: str) -> str:
    return re.sub("%25|%0D|%0A|%3A|%2C", lambda m: UNESCAPE[m.group()], text)


def runner_commands(*streams: str) -> list[dict[str, Any]]:
    """The workflow commands GitHub's runner would act on, by its rules: a line is ended by CR, LF
    or CRLF; `::cmd props::data` after leading blanks; `##[` anywhere (the old form); while
    `::stop-commands::TOKEN` is in force only `::TOKEN::` is recognised."""
    found: list[dict[str, Any]] = []
    token = None
    for stream in streams:
        for line in re.split(r"\r\n|\r|\n", stream):
            text = line.lstrip()
            if token is not None:
                if text == f"::{token}::":
                    token = None
                continue
            if text.startswith("::"):
                head, _, data = text[2:].partition("::")
                name, _, props = head.partition(" ")
                if name == "stop-commands":
                    token = data
                    continue
                fields = dict(p.split("=", 1) for p in props.split(",") if "=" in p)
                found.append({"command": name, **{k: unescape(v) for k, v in fields.items()},
                              "message": unescape(data)})
            elif "##[" in line:
                found.append({"command": "v1", "message": line})
    return found


def test_escaping_follows_githubs_rules() -> None:
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("a/b.py:3, x%") == "a/b.py%3A3%2C x%25"
    result = ExerciseResult("det", "determinant", "Det", Status.FAILED, 3, 0.5, 1.0,
                            (CaseResult("random-1", Status.FAILED, "wrong: 1,2\nnext %", line=7),),
                            "0 of 1 cases passed", "ex/det,er:x.py")
    (command,) = runner_commands(annotation(result, {"GITHUB_WORKSPACE": "/nowhere"}))
    assert command["command"] == "error" and command["line"] == "7" and command["file"] == "ex/det,er:x.py"
    assert command["title"] == "det: failed (0.5/1)" and "wrong: 1,2 next %" in command["message"]


def test_summary_table_is_markdown_with_a_row_per_exercise() -> None:
    results = (ExerciseResult("a|b", "t", "T", Status.PASSED, 1, 1.0, 1.0),
               ExerciseResult("c", "t", "T", Status.TIMEOUT, 1, 0.25, 1.0))
    table = summary_table(RunReport(results, 1))
    rows = [line for line in table.splitlines() if line.startswith("|")]
    assert rows[0] == "| exercise | status | score |" and len(rows) == 4
    assert "a\\|b" in rows[2] and "timeout" in rows[3] and "0.25/1" in rows[3]


def test_guard_stops_forged_commands() -> None:
    forged = "ok\n  ::error file=x.py,line=1::forged\rstill\r::add-mask::secret\n##[error]old form\n"
    assert len(runner_commands(forged)) == 3
    assert runner_commands(guard(forged)) == []


def learner_repo(tmp: Path) -> Path:
    """A course repository: the tool, the references and the frozen course, with a learner's work."""
    repo = tmp / "course-repo"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".grade")
    repo.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, repo / name)
    for name in ("grader", "reference"):
        shutil.copytree(ROOT / name, repo / name, ignore=ignore)
    shutil.copytree(COURSE, repo / "exercises", ignore=ignore)
    work = repo / "exercises"
    shutil.copy(SOLUTIONS / "vector_arithmetic" / "correct_vectorized.py", work / "vectors" / "vector_arithmetic.py")
    source = (SOLUTIONS / "determinant" / "mistake_sign_flipped.py").read_text()
    (work / "determinant" / "determinant.py").write_text(
        "# my determinant\n" + source + "\n_mine = determinant\n\n\ndef determinant(A):\n"
        "    print('::error file=README.md,line=1::forged by the learner')\n    return _mine(A)\n")
    return repo


def test_annotations_point_into_the_learners_file(tmp_path: Path) -> None:
    repo = learner_repo(tmp_path)
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_WORKSPACE": str(repo)}
    proc = run_grade("all", "--seed", "2", "--verbose", cwd=repo, env=env)
    assert proc.returncode == 1, proc.stderr
    commands = runner_commands(proc.stdout, proc.stderr)
    by_title = {c["title"].split(":")[0]: c for c in commands}
    assert set(by_title) == {"determinant", "eig_symmetric"}  # the forged one is not a command
    det = by_title["determinant"]
    assert det["command"] == "error" and det["file"] == "exercises/determinant/determinant.py"
    lines = (repo / det["file"]).read_text().splitlines()
    assert lines[int(det["line"]) - 1].startswith("def determinant(")  # the learner's def (named like the exercise)
    assert "likely mistake" in det["message"] and "--seed 2" in det["message"]
    eig = by_title["eig_symmetric"]
    assert eig["command"] == "warning" and eig["file"] == "exercises/eigen/eig_symmetric.py"
    table = summary.read_text()
    assert "| vector_arithmetic | ✅ passed | 1/1 |" in table
    assert re.search(r"\| determinant \| ❌ failed \| 0\.\d+/1 \|", table)
    assert "| eig_symmetric | 📝 not_implemented | 0/1 |" in table
    assert "forged by the learner" in proc.stdout  # shown to the learner, inert for the runner


def test_annotation_of_an_error_points_at_the_raising_line(tmp_path: Path) -> None:
    learner = tmp_path / "determinant.py"
    learner.write_text("import numpy as np\n\n\ndef determinant(A):\n    x = 1\n    return np.zeros(3)[5]\n")
    proc = run_grade("determinant", "--exercises", str(COURSE), "--file", str(learner), "--format", "json",
                     "--output", str(tmp_path / "r.json"), cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert proc.returncode == 1
    (command,) = runner_commands(proc.stdout, proc.stderr)
    assert command["file"] == "determinant.py" and command["line"] == "6"
    assert "IndexError" in command["message"]


def run_step(step: dict[str, Any], repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run one `run:` step as GitHub's default bash shell does (bash -e {0})."""
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=repo,
                          env=env, capture_output=True, text=True, timeout=600)


def test_the_workflow_steps_grade_a_course_repository(tmp_path: Path) -> None:
    repo = learner_repo(tmp_path)
    proc = run_grade("bundle", "github", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "grade.yml").read_text())
    job = workflow["jobs"]["grade"]
    venv = tmp_path / "venv"  # actions/setup-python: a Python of our own, so the install step changes nothing here
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    summary = tmp_path / "summary.md"
    secrets = {"GRADE_SECRET_SEED": "the instructor's secret"}
    env = {"PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}", "HOME": str(tmp_path), "CI": "true",
           "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(repo), "GITHUB_STEP_SUMMARY": str(summary),
           "PIP_DISABLE_PIP_VERSION_CHECK": "1", "NO_COLOR": "1", "LANG": "C.UTF-8"}
    for key, value in job["env"].items():  # ${{ secrets.X }} and ${{ github.run_id }}, as GitHub fills them in
        env[key] = re.sub(r"\$\{\{\s*secrets\.(\w+)\s*\}\}", lambda m: secrets.get(m.group(1), ""), value)
        env[key] = env[key].replace("${{ github.run_id }}", "4242")
    outcomes: dict[str, int] = {}
    logs: dict[str, str] = {}
    failed = False
    for step in job["steps"]:
        condition = str(step.get("if", ""))
        if failed and "always()" not in condition and "!cancelled()" not in condition:
            continue
        if "uses" in step:
            action = step["uses"].split("@")[0]
            assert action in ("actions/checkout", "actions/setup-python", "actions/upload-artifact"), action
            if action == "actions/upload-artifact":
                assert (repo / step["with"]["path"]).is_file()
            outcomes[step["name"]] = 0
            continue
        proc = run_step(step, repo, env)
        outcomes[step["name"]] = proc.returncode
        logs[step["name"]] = (proc.stdout + proc.stderr)[-3000:]
        failed = failed or proc.returncode != 0
        if step["name"] == "Grade":
            grade_proc = proc
        assert "Traceback" not in proc.stderr, (step["name"], proc.stderr[-3000:])
    assert outcomes == {"Check out": 0, "Set up Python": 0, "Install grade": 0, "Grade": 1, "JUnit report": 0,
                        "Keep the report": 0}, logs
    assert (venv / "bin" / "grade").is_file()  # the step installed the course's grade
    commands = runner_commands(grade_proc.stdout, grade_proc.stderr)
    assert {c["title"].split(":")[0] for c in commands} == {"determinant", "eig_symmetric"}
    assert all(c["file"].startswith("exercises/") for c in commands)
    assert "seed 4242" in grade_proc.stdout and "the instructor's secret" not in grade_proc.stdout + grade_proc.stderr
    table = summary.read_text()
    assert "| vector_arithmetic | ✅ passed | 1/1 |" in table and "| eig_symmetric | 📝 not_implemented | 0/1 |" in table
    report = JUnitXml.fromfile(str(repo / "grade-report.xml"))
    suites = {s.name: s for s in report}
    assert set(suites) == {"vector_arithmetic", "determinant", "eig_symmetric"}
    assert suites["vector_arithmetic"].failures == 0 and suites["determinant"].failures > 0
    assert summary.read_text().count("### grade:") == 1  # the JUnit step adds no second table


@pytest.mark.parametrize("fmt", ["json", "gradescope", "junit"])
def test_machine_reports_on_the_log_cannot_start_commands(tmp_path: Path, fmt: str) -> None:
    learner = tmp_path / "determinant.py"
    learner.write_text("def determinant(A):\n    print('##[error]forged')\n    print('::error::forged')\n"
                       "    raise ValueError('::warning::forged ##[warning]x')\n")
    proc = run_grade("determinant", "--exercises", str(COURSE), "--file", str(learner), "--format", fmt,
                     env={"GITHUB_ACTIONS": "true"})
    assert proc.returncode == 1
    commands = runner_commands(proc.stdout)
    assert commands == [], commands
    assert "forged" in proc.stdout
