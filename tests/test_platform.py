"""Platform details: the project's CI on three systems, learner files with CRLF or a BOM, paths with
spaces and non-ASCII characters."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SOLUTIONS, run_grade

WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"


def readme_commands() -> list[str]:
    """The commands of README.md's first two ```bash blocks (the first command, the test command)."""
    blocks = re.findall(r"^```bash\n(.*?)^```", (ROOT / "README.md").read_text(encoding="utf-8"), re.M | re.S)
    assert len(blocks) >= 2, "README.md has fewer than two bash blocks"
    return [block.strip() for block in blocks[:2]]


def test_ci_runs_the_readme_commands_on_three_systems() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["name"] and (True in workflow or "on" in workflow)  # PyYAML reads the key `on` as True
    triggers = workflow.get("on", workflow.get(True))
    assert "push" in triggers and "pull_request" in triggers
    (job,) = workflow["jobs"].values()
    oses = job["strategy"]["matrix"]["os"]
    assert {o.split("-")[0] for o in oses} == {"ubuntu", "macos", "windows"}, oses
    assert job["runs-on"] == "${{ matrix.os }}"
    runs = [step["run"].strip() for step in job["steps"] if "run" in step]
    assert runs == readme_commands(), (runs, readme_commands())
    uses = [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]
    assert uses == ["actions/checkout", "actions/setup-python"]
    assert job["defaults"]["run"]["shell"] == "bash"  # the README's `&&` and quotes mean the same on Windows
    assert all(float(v) >= 3.10 for v in job["strategy"]["matrix"]["python"])


def test_the_readme_test_command_is_the_one_ci_needs() -> None:
    first, tests = readme_commands()
    assert "pip install -e '.[test]'" in tests and "python -m pytest" in tests
    assert first.startswith("pip install -e .")


def _grade_file(tmp_path: Path, name: str, data: bytes) -> dict:
    file = tmp_path / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(data)
    proc = run_grade("dot_product", "--file", str(file), "--format", "json")
    assert "Traceback" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)


GOOD = (SOLUTIONS / "dot_product" / "correct_vectorized.py").read_bytes()
WRONG = (SOLUTIONS / "dot_product" / "mistake_sign_flipped.py").read_bytes()


def test_a_file_saved_with_crlf_line_endings_is_graded(tmp_path: Path) -> None:
    crlf = GOOD.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    assert b"\r\n" in crlf
    assert _grade_file(tmp_path, "crlf.py", crlf)["status"] == "passed"


def test_a_file_with_a_utf8_bom_is_graded(tmp_path: Path) -> None:
    assert _grade_file(tmp_path, "bom.py", b"\xef\xbb\xbf" + GOOD)["status"] == "passed"
    report = _grade_file(tmp_path, "bom_crlf.py", b"\xef\xbb\xbf" + WRONG.replace(b"\n", b"\r\n"))
    assert report["status"] == "failed"
    assert any(c.get("mistake_id") == "sign_flipped" for c in report["cases"])  # lines and mistakes still found


def test_paths_with_spaces_and_non_ascii_characters(tmp_path: Path) -> None:
    report = _grade_file(tmp_path, "Mes devoirs/Zoë Ødegård 数学/dot product.py", GOOD)
    assert report["status"] == "passed", report
    assert "Zoë Ødegård 数学" in report["file"]


def test_state_and_hints_go_under_the_home_when_the_course_folder_cannot_take_them(tmp_path: Path) -> None:
    import shutil

    from conftest import EXERCISES

    course = tmp_path / "Cours d'algèbre"
    shutil.copytree(EXERCISES, course / "exercises")
    (course / ".grade").write_text("not a folder")  # the course folder cannot hold the state (even for root)
    home = tmp_path / "home dir"
    home.mkdir()
    env = {"HOME": str(home), "USERPROFILE": str(home), "PYTHONPATH": str(ROOT)}  # this checkout's grader
    first = run_grade("hint", "determinant", cwd=course, env=env)
    second = run_grade("hint", "determinant", cwd=course, env=env)
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    assert "Hint 2/" not in first.stdout and "Hint 2/" in second.stdout  # remembered
    saved = list((home / ".grade" / "courses").glob("*/state.json"))
    assert len(saved) == 1 and json.loads(saved[0].read_text(encoding="utf-8"))["hints"]["determinant"] == 2


def test_state_stays_in_the_course_folder_when_it_can(tmp_path: Path) -> None:
    import shutil

    from conftest import EXERCISES

    course = tmp_path / "course"
    shutil.copytree(EXERCISES, course / "exercises")
    home = tmp_path / "home"
    home.mkdir()
    assert run_grade("hint", "determinant", cwd=course, env={"HOME": str(home), "USERPROFILE": str(home),
                                                                          "PYTHONPATH": str(ROOT)}).returncode == 0
    assert (course / ".grade" / "state.json").is_file() and not (home / ".grade").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_no_colour_for_a_terminal_that_cannot_show_it() -> None:
    import os
    import pty
    import select
    import subprocess
    import sys

    bad = str(SOLUTIONS / "determinant" / "mistake_sign_flipped.py")

    def on_terminal(env: dict[str, str]) -> str:
        main, secondary = pty.openpty()
        subprocess.run([sys.executable, "-m", "grader.cli", "determinant", "--file", bad, "--seed", "1"], cwd=ROOT,
                       stdout=secondary, stderr=subprocess.PIPE, env=env, timeout=120)
        os.close(secondary)
        chunks = []
        while select.select([main], [], [], 0.2)[0]:
            try:
                data = os.read(main, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        os.close(main)
        return b"".join(chunks).decode()

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert "\x1b[31m" in on_terminal({**env, "TERM": "xterm-256color"})
    assert "\x1b[" not in on_terminal({**env, "TERM": "dumb"})
