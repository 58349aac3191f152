"""Platform details: the project's CI on three systems, learner files with CRLF or a BOM, paths with
spaces and non-ASCII characters."""

from __future__ import annotations

import json
import re
from pathlib import Path

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
