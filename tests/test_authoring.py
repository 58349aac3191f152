"""Instructors write a new exercise in YAML alone: the issue's ReLU course, `grade new` and its scaffold,
where a course's modules are looked for, and docs/authoring.md run as written."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_grade

ISSUE_RELU = """\
id: relu
topic: activations
title: The ReLU activation
task: Return max(x, 0) elementwise.
function: relu
args: [x]
stub: relu.py
reference: myref:relu
generate:
  gen: random
  sizes: {n: [1, 10]}
  args:
    x: {normal: [n], scale: [0.1, 10]}
cases: 12
edge_cases:
  - name: all-negative
    args: {x: [-1.0, -2.0]}
check: {name: allclose}
hints: ["Compare each entry with 0.", "np.maximum(x, 0.0) does it in one call."]
"""
STUB = 'def relu(x):\n    """Return max(x, 0) elementwise."""\n    raise NotImplementedError\n'
MYREF = "import numpy as np\n\n\ndef relu(x):\n    return np.maximum(x, 0.0)\n"
GUIDE = ROOT / "docs" / "authoring.md"


def issue_course(tmp_path: Path, reference: str = MYREF) -> Path:
    """A course holding only the issue's YAML, a stub and myref.py; returns its exercises folder."""
    folder = tmp_path / "exercises" / "activations"
    folder.mkdir(parents=True)
    (folder / "relu.yaml").write_text(ISSUE_RELU)
    (folder / "relu.py").write_text(STUB)
    (tmp_path / "myref.py").write_text(reference)
    return tmp_path / "exercises"


def test_the_issue_relu_validates_and_grades(tmp_path: Path) -> None:
    root = issue_course(tmp_path)
    proc = run_grade("validate", "--exercises", str(root), timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ok      relu: 12 random + 1 edge cases" in proc.stdout
    answers = tmp_path / "answers"
    answers.mkdir()
    (answers / "correct.py").write_text("import numpy as np\n\n\ndef relu(x):\n    return np.where(x > 0, x, 0.0)\n")
    (answers / "absolute.py").write_text("import numpy as np\n\n\ndef relu(x):\n    return np.abs(x)\n")
    proc = run_grade("relu", "--exercises", str(root), "--file", str(answers / "correct.py"), "--format", "json")
    report = json.loads(proc.stdout)
    assert proc.returncode == 0 and report["status"] == "passed", proc.stdout
    proc = run_grade("relu", "--exercises", str(root), "--file", str(answers / "absolute.py"), "--format", "json")
    report = json.loads(proc.stdout)
    assert proc.returncode == 1 and report["status"] == "failed", proc.stdout
    failed = [c["name"] for c in report["cases"] if c["status"] != "passed"]
    assert "edge-all-negative" in failed and any(name.startswith("random-") for name in failed)


def test_a_reference_that_cannot_be_imported_says_where_it_was_looked_for(tmp_path: Path) -> None:
    root = issue_course(tmp_path)
    yaml_file = root / "activations" / "relu.yaml"
    yaml_file.write_text(ISSUE_RELU.replace("myref:relu", "myrefs:relu"))
    proc = run_grade("validate", "--exercises", str(root))
    assert proc.returncode == 1 and "Traceback" not in proc.stdout + proc.stderr
    assert (f"relu.yaml:8: at reference: cannot import the reference 'myrefs:relu': no module 'myrefs': looked "
            f"for myrefs.py or myrefs/ in the course root ({tmp_path.resolve()}: the folder above exercises/)"
            in proc.stdout), proc.stdout
    yaml_file.write_text(ISSUE_RELU.replace("myref:relu", "myref:rectifier"))
    proc = run_grade("validate", "--exercises", str(root))
    assert f"myref ({tmp_path.resolve() / 'myref.py'}) has no 'rectifier'" in proc.stdout, proc.stdout


def test_a_broken_course_module_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    root = issue_course(tmp_path, reference="import numpy as np\n\ndef relu(x)\n    return x\n")
    proc = run_grade("validate", "--exercises", str(root))
    assert proc.returncode == 1 and "Traceback" not in proc.stdout + proc.stderr
    assert "cannot import the reference 'myref:relu': importing 'myref' failed: SyntaxError" in proc.stdout


def test_a_course_module_shadowed_by_another_of_the_same_name_is_named(tmp_path: Path) -> None:
    root = issue_course(tmp_path)
    (tmp_path / "reference").mkdir()
    (tmp_path / "reference" / "__init__.py").write_text("")
    (tmp_path / "reference" / "activations.py").write_text(MYREF)
    (root / "activations" / "relu.yaml").write_text(ISSUE_RELU.replace("myref:relu", "reference.activations:relu"))
    proc = run_grade("validate", "--exercises", str(root), cwd=ROOT)  # grade's own `reference` comes first
    assert proc.returncode == 1, proc.stdout
    assert "'reference' was imported" in proc.stdout and "has a reference/ folder too" in proc.stdout, proc.stdout


def test_new_writes_every_key_and_validate_names_each_missing_piece(tmp_path: Path) -> None:
    proc = run_grade("new", "relu", "--topic", "activations", cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    definition = tmp_path / "exercises" / "activations" / "relu.yaml"
    assert definition.is_file() and (tmp_path / "exercises" / "activations" / "relu.py").is_file()
    assert "def relu(x):" in (tmp_path / "course_reference.py").read_text()
    assert "grade validate exercises/activations/relu.yaml" in proc.stdout
    schema = json.loads((ROOT / "grader" / "schema.json").read_text())
    keys = {line.split(":")[0] for line in definition.read_text().splitlines() if re.match(r"^[a-z_]+:", line)}
    assert keys == set(schema["properties"]), set(schema["properties"]) ^ keys
    assert definition.read_text().count("#") >= len(keys)  # commented
    proc = run_grade("validate", cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})
    assert proc.returncode == 1 and "Traceback" not in proc.stdout + proc.stderr
    out = proc.stdout
    for field in ("title", "task", "hints > 0", "hints > 1", "stub"):
        assert re.search(rf"relu\.yaml:\d+: at {field}: .*TODO", out), (field, out)
    assert re.search(r"relu\.yaml:\d+: at reference: the reference raised NotImplementedError: TODO: write the "
                     r"reference solution of relu in course_reference\.py", out), out
    assert "FAILED  relu" in out
    quick = run_grade("validate", "--quick", cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})
    assert quick.returncode == 1 and quick.stdout.count("TODO") == 5, quick.stdout


def test_new_with_arguments_in_a_course_like_ours(tmp_path: Path) -> None:
    (tmp_path / "exercises").mkdir()
    (tmp_path / "reference").mkdir()
    (tmp_path / "reference" / "__init__.py").write_text("")
    proc = run_grade("new", "blend", "--topic", "mixing", "--args", "a, b,t", cwd=tmp_path,
                     env={"PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    definition = (tmp_path / "exercises" / "mixing" / "blend.yaml").read_text()
    assert "args: [a, b, t]" in definition and "reference: reference.mixing:blend" in definition
    for arg in "abt":
        assert f"    {arg}: {{normal: [n]" in definition
    assert "def blend(a, b, t):" in (tmp_path / "exercises" / "mixing" / "blend.py").read_text()
    assert "def blend(a, b, t):" in (tmp_path / "reference" / "mixing.py").read_text()
    proc = run_grade("new", "fade", "--topic", "mixing", cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})
    text = (tmp_path / "reference" / "mixing.py").read_text()
    assert proc.returncode == 0 and "def blend(a, b, t):" in text and "def fade(x):" in text  # appended


@pytest.mark.parametrize("args,message", [
    (["new", "list", "--topic", "t"], "'list' is a command name"),
    (["new", "Relu", "--topic", "t"], "must be lowercase letters"),
    (["new", "relu", "--topic", "t", "--args", "x,class"], "'class' is not a Python parameter name"),
    (["new", "relu", "--topic", "t", "--args", "x,x"], "argument names repeat"),
])
def test_new_refuses_bad_names(tmp_path: Path, args: list[str], message: str) -> None:
    proc = run_grade(*args, cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert not (tmp_path / "exercises" / "t").exists()


def test_new_never_overwrites(tmp_path: Path) -> None:
    env = {"PYTHONPATH": str(ROOT)}
    assert run_grade("new", "relu", "--topic", "activations", cwd=tmp_path, env=env).returncode == 0
    before = (tmp_path / "course_reference.py").read_text()
    proc = run_grade("new", "relu", "--topic", "other", cwd=tmp_path, env=env)
    assert proc.returncode == 2 and "relu.yaml already exists" in proc.stderr
    assert (tmp_path / "course_reference.py").read_text() == before


def guide_blocks() -> list[str]:
    return re.findall(r"```bash\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)


def test_the_guide_runs_as_written(tmp_path: Path) -> None:
    """Every ```bash block of docs/authoring.md, in order, in an empty folder, with `grade` on PATH; a block
    whose last line says `# exits N` must exit N, the others 0."""
    bin_dir, course = tmp_path / "bin", tmp_path / "mycourse"
    bin_dir.mkdir()
    course.mkdir()
    (bin_dir / "grade").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m grader.cli "$@"\n')
    (bin_dir / "grade").chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    for key in ("GRADE_SEED", "GRADE_EXERCISES"):
        env.pop(key, None)
    blocks = guide_blocks()
    assert len(blocks) >= 9
    outputs = []
    for block in blocks:
        expected = re.search(r"#\s*exits (\d+)\s*$", block.strip().splitlines()[-1])
        proc = subprocess.run(["bash", "-e", "-c", block], cwd=course, env=env, capture_output=True, text=True,
                              timeout=300)
        assert "Traceback" not in proc.stdout + proc.stderr, block + proc.stdout + proc.stderr
        assert proc.returncode == (int(expected.group(1)) if expected else 0), block + proc.stdout + proc.stderr
        outputs.append((block, proc.stdout))
    said = {block.strip().splitlines()[-1]: out for block, out in outputs}  # by the block's last line
    assert "at title: the title is still the scaffold's TODO" in said[
        "grade validate exercises/activations/relu.yaml   # exits 1"]
    final = said["grade validate exercises/activations/relu.yaml"]
    assert "ok      relu: 12 random + 4 edge cases" in final and "2 mistake rules" in final, final
    assert "passed" in said["grade relu --file my_relu.py"]
    assert "likely mistake: you returned |x|" in said["grade relu --file abs_relu.py   # exits 1"]
    assert "banned" in said["grade relu --file banned_relu.py   # exits 1"]


def test_new_starts_a_course_where_exercises_says(tmp_path: Path) -> None:
    target = tmp_path / "course" / "exercises"
    proc = run_grade("new", "relu", "--topic", "activations", "--exercises", str(target))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (target / "activations" / "relu.yaml").is_file()
    assert "def relu(x):" in (tmp_path / "course" / "course_reference.py").read_text()


@pytest.mark.parametrize("answer,status", [
    ("np.maximum(x, 0.0) * (1 + 3e-8)", "passed"),   # within the curriculum's relative 1e-7
    ("np.maximum(x, 0.0) * (1 + 1e-6)", "failed"),   # beyond it
    ("np.where(x > 0, x, 1e-20)", "passed"),          # below the floor scaled to the inputs
    ("np.where(x > 0, x, 1e-6)", "failed"),           # far above it
])
def test_allclose_with_no_numbers_uses_the_course_wide_tolerance(tmp_path: Path, answer: str, status: str) -> None:
    root = issue_course(tmp_path)
    (tmp_path / "answer.py").write_text(f"import numpy as np\n\n\ndef relu(x):\n    return {answer}\n")
    proc = run_grade("relu", "--exercises", str(root), "--file", str(tmp_path / "answer.py"), "--seed", "3",
                     "--format", "json")
    assert json.loads(proc.stdout)["status"] == status, proc.stdout


def test_an_alias_bomb_is_one_invalid_exercise(tmp_path: Path) -> None:
    """A YAML whose aliases nest (nine levels of nine) expands to billions of values: it is reported as one
    invalid definition, with its file and line, in seconds; the other exercises are listed and graded."""
    from conftest import ROOT, run_grade

    course = tmp_path / "exercises"
    (course / "vectors").mkdir(parents=True)
    for suffix in (".yaml", ".py"):
        shutil.copy(ROOT / "exercises" / "vectors" / f"dot_product{suffix}", course / "vectors")
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    (course / "vectors" / "bomb.yaml").write_text("\n".join(lines) + "\n")
    proc = run_grade("list", "--exercises", str(course), timeout=60)
    assert "Traceback" not in proc.stderr and "dot_product" in proc.stdout, proc.stderr
    assert "bomb.yaml:1: the file expands to more than" in proc.stderr, proc.stderr


def dot_product_course(tmp_path: Path) -> Path:
    """A course of one exercise, dot_product, copied from ours; returns its exercises folder."""
    course = tmp_path / "exercises"
    (course / "vectors").mkdir(parents=True)
    for suffix in (".yaml", ".py"):
        shutil.copy(ROOT / "exercises" / "vectors" / f"dot_product{suffix}", course / "vectors")
    return course


def test_a_yaml_that_is_not_utf8_is_reported_at_its_line_and_field(tmp_path: Path) -> None:
    course = dot_product_course(tmp_path)
    path = course / "vectors" / "dot_product.yaml"
    lines = path.read_bytes().split(b"\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(b"title:"))
    lines[at] += b" caf\xe9"  # Latin-1, as an editor on another system saves it
    path.write_bytes(b"\n".join(lines))
    for command in (["list"], ["validate", "--quick"]):
        proc = run_grade(*command, "--exercises", str(course), timeout=60)
        assert "Traceback" not in proc.stderr and proc.returncode != 0, proc.stderr
        assert f"dot_product.yaml:{at + 1}: at title: column " in proc.stdout + proc.stderr, proc.stdout + proc.stderr
        assert "0xe9 is not UTF-8" in proc.stdout + proc.stderr
    proc = run_grade("all", "--exercises", str(course), "--format", "json", timeout=120)
    report = json.loads(proc.stdout)  # a CI reading the report sees the course is not whole
    assert proc.returncode == 2 and not report["passed"] and "0xe9 is not UTF-8" in report["problems"][0], report


@pytest.mark.parametrize("args", ["[b, a]", "[a, b, c]"])
def test_validate_says_when_args_disagree_with_the_stub_and_the_reference(tmp_path: Path, args: str) -> None:
    """Cases are passed by position and reports name inputs by their `args:` names: a list in another order
    (or with another name) than the functions' own parameters graded consistently but told the learner
    the wrong input, and validate said ok."""
    course = dot_product_course(tmp_path)
    path = course / "vectors" / "dot_product.yaml"
    text = path.read_text()
    assert "\nargs: [a, b]\n" in text
    path.write_text(text.replace("\nargs: [a, b]\n", f"\nargs: {args}\n"))
    line = text[:text.index("\nargs: [a, b]\n")].count("\n") + 2
    quick = run_grade("validate", "--quick", "--exercises", str(course), timeout=120)
    assert quick.returncode == 1 and f"dot_product.yaml:{line}: at args: the stub's dot_product(a, b)" in quick.stdout, \
        quick.stdout
    full = run_grade("validate", "--seeds", "1", str(path), timeout=300)
    assert full.returncode == 1 and "at args: the reference reference.vectors:dot_product(a, b)" in full.stdout, \
        full.stdout
    assert "Traceback" not in quick.stderr + full.stderr


def test_of_two_definitions_with_one_id_the_one_named_after_it_is_the_exercise(tmp_path: Path) -> None:
    """A copy of a definition saved under another name (dot_product.yaml copied to aaa_draft.yaml, sorting
    first) took the exercise over, and the real file was reported as the duplicate."""
    course = dot_product_course(tmp_path)
    draft = course / "vectors" / "aaa_draft.yaml"
    draft.write_text((course / "vectors" / "dot_product.yaml").read_text().replace(
        "title: The dot product", "title: A draft"))
    for command in (["list"], ["validate", "--quick"]):
        proc = run_grade(*command, "--exercises", str(course), timeout=120)
        out = proc.stdout + proc.stderr
        assert "aaa_draft.yaml" in out and "is already used by" in out and str(course / "vectors" / "dot_product.yaml") \
            in out.split("is already used by", 1)[1], out
        assert "Traceback" not in proc.stderr
    proc = run_grade("list", "--exercises", str(course), timeout=120)
    assert "A draft" not in proc.stdout and "dot product" in proc.stdout.lower(), proc.stdout
