"""Notebooks, executed for real with nbclient and an ipykernel kernel: check() and hint() in cells, and
every notebook `grade notebook` writes."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import EXERCISES, ROOT, SOLUTIONS, run_grade

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

CELL_SECONDS = 180  # the infinite loop's cell times out in ~20 s alone; generous under load

CORRECT_DET = '''import numpy as np

def determinant(A):
    a = np.array(A, dtype=float)
    n = a.shape[0]
    det = 1.0
    for k in range(n):
        p = k + int(np.argmax(np.abs(a[k:, k])))
        if a[p, k] == 0.0:
            return 0.0
        if p != k:
            a[[k, p]] = a[[p, k]]
            det = -det
        det *= a[k, k]
        a[k + 1:, k:] -= np.outer(a[k + 1:, k] / a[k, k], a[k, k:])
    return det'''


@pytest.fixture()
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the course (its state file is the test's), and kernels that import this checkout's grader."""
    root = tmp_path / "course" / "exercises"
    shutil.copytree(EXERCISES, root)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.delenv("GRADE_SEED", raising=False)
    return root


def execute(nb: Any, folder: Path) -> Any:
    """Run every cell in one fresh kernel (errors in cells fail the test)."""
    client = nbclient.NotebookClient(nb, timeout=CELL_SECONDS, kernel_name="python3",
                                     resources={"metadata": {"path": str(folder)}})
    client.execute()
    return nb


def output_text(cell: Any, kind: str = "text/html") -> str:
    """Everything a cell showed: its rich `kind` output, or its plain text and printed output."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        data = out.get("data", {})
        if kind in data:
            parts.append(data[kind])
        elif "text/plain" in data:
            parts.append(data["text/plain"])
    return "\n".join(parts)


def test_check_in_a_notebook_passes_names_the_mistake_and_survives_an_infinite_loop(course: Path) -> None:
    v4 = nbformat.v4
    flipped = CORRECT_DET.replace("    return det", "    return -det")
    loop = "def determinant(A):\n    while True:\n        pass"
    cells = [
        v4.new_code_cell(f"from grader import check, hint\nimport grader.notebook\n"  # seed 1: some det > 0
                         f"grader.notebook.configure(exercises={str(course)!r}, cases=3, seed=1)"),
        v4.new_code_cell(CORRECT_DET),
        v4.new_code_cell('result = check("determinant", determinant)\nresult'),
        v4.new_code_cell("print(result.passed is True, result.status, result.score, len(result.cases))"),
        v4.new_code_cell(flipped),
        v4.new_code_cell('wrong = check("determinant", determinant)\nwrong'),
        v4.new_code_cell("print(wrong.passed, wrong.status, repr(wrong.mistake))"),
        v4.new_code_cell(loop),
        v4.new_code_cell('stuck = check("determinant", determinant)\nprint(stuck.status)'),
        v4.new_code_cell("print('still here', 1 + 1)"),
        v4.new_code_cell(CORRECT_DET + '\n\nprint(check("determinant", determinant).passed)'),
        v4.new_code_cell('hint("determinant")'),
        v4.new_code_cell("def gradient_descent(grad, x0, lr, steps):\n    x = np.array(x0, dtype=float)\n"
                         "    for _ in range(steps):\n        x = x + lr * grad(x)\n    return x\n\n"
                         "check('gradient_descent', gradient_descent)"),
    ]
    nb = execute(v4.new_notebook(cells=cells), course.parent)
    html_out = output_text(nb.cells[2])
    assert "<b>determinant</b>" in html_out and ">passed</b>" in html_out
    assert output_text(nb.cells[3]).split()[:2] == ["True", "passed"]
    wrong_html = output_text(nb.cells[5])
    assert ">failed</b>" in wrong_html
    assert "the sign is flipped" in wrong_html and "Mistake:" in wrong_html
    assert "<table>" in wrong_html and "expected" in wrong_html and "yours" in wrong_html
    assert "seed=" in wrong_html  # how to reproduce it
    assert "the sign is flipped" in output_text(nb.cells[6]) and output_text(nb.cells[6]).startswith("False failed")
    assert output_text(nb.cells[8]).strip() == "timeout"
    assert output_text(nb.cells[9]).strip() == "still here 2"
    assert output_text(nb.cells[10]).strip() == "True"  # the same kernel and runner grade again
    assert "Hint 1/" in output_text(nb.cells[11], "text/plain") or "<ol><li>" in output_text(nb.cells[11])
    uphill = output_text(nb.cells[12])
    assert "moves uphill" in uphill and "<img alt='picture of the failing case' src='data:image/png;base64," in uphill
    last = json.loads((course.parent / ".grade" / "state.json").read_text())["results"]["determinant"]
    assert last["status"] == "passed"  # recorded: `grade progress` counts it


def test_check_honours_imports_and_helper_cells(course: Path) -> None:
    v4 = nbformat.v4
    cells = [
        v4.new_code_cell(f"from grader import check\nimport grader.notebook\n"
                         f"grader.notebook.configure(exercises={str(course)!r}, cases=3)"),
        v4.new_code_cell("import numpy as numeric\nfrom math import fsum as add_up\nunused = object()"),
        v4.new_code_cell("SCALE = 1.0\n\ndef pairwise(x, y):\n    return [a * b * SCALE for a, b in zip(x, y)]"),
        v4.new_code_cell("def my_dot(x, y):\n    x, y = numeric.asarray(x, float), numeric.asarray(y, float)\n"
                         "    return add_up(pairwise(x, y))"),
        v4.new_code_cell('print(check("dot_product", my_dot).status)'),
        v4.new_code_cell("def my_dot(x, y):\n    return numeric.dot(x, y)"),  # banned in this exercise
        v4.new_code_cell('print(check("dot_product", my_dot).status)'),
    ]
    nb = execute(v4.new_notebook(cells=cells), course.parent)
    assert output_text(nb.cells[4]).strip() == "passed"
    assert output_text(nb.cells[6]).strip() == "banned"


def correct_solution(exercise_id: str) -> str:
    return (sorted((SOLUTIONS / exercise_id).glob("correct*.py"))[0]).read_text()


def test_every_generated_topic_notebook_executes(course: Path) -> None:
    out = course.parent / "notebooks"
    proc = run_grade("notebook", "--all", "--output", str(out), "--exercises", str(course))
    assert proc.returncode == 0, proc.stderr
    written = sorted(out.glob("*.ipynb"))
    assert len(written) == 12
    total = 0
    for path in written:
        nb = nbformat.read(str(path), as_version=4)
        nbformat.validate(nb)
        checks = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.startswith("check(")]
        assert checks, path
        first_id = nb.cells[checks[0]].source.split('"')[1] if '"' in nb.cells[checks[0]].source \
            else nb.cells[checks[0]].source.split("'")[1]
        nb.cells[checks[0] - 1].source = correct_solution(first_id)  # the learner fills in the first exercise
        nb.cells.insert(2, nbformat.v4.new_code_cell("import grader.notebook\ngrader.notebook.configure(cases=2)"))
        execute(nb, out)
        outputs = [output_text(c) for c in nb.cells if c.cell_type == "code" and c.source.startswith("check(")]
        assert ">passed</b>" in outputs[0], (path.name, outputs[0])
        for other in outputs[1:]:
            assert ">not_implemented</b>" in other, (path.name, other)
        total += len(outputs)
    assert total == 40
    progress = json.loads(run_grade("progress", "--format", "json", "--exercises", str(course)).stdout)
    assert progress["passed"] == 12


def test_import_grader_stays_cheap() -> None:
    import subprocess

    code = ("import sys, grader\nheavy = ('nbformat', 'nbclient', 'matplotlib', 'watchfiles', 'IPython', "
            "'ipykernel', 'grader.notebook')\nprint([m for m in sys.modules if m.startswith(heavy)])")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


def test_learner_source_brings_imports_helpers_and_constants(tmp_path: Path) -> None:
    import importlib.util

    from grader.notebook.source import NotebookSourceError, learner_source

    (tmp_path / "cells.py").write_text(
        "import numpy as np\nfrom math import fsum\nfrom numpy import linalg as la\n"
        "STEP = 2\nGRID = np.ones(3)\n\n"
        "def helper(v):\n    return fsum(v) * STEP\n\n"
        "def answer(A, np_local=None):\n    A = np.asarray(A)\n    return helper(A.ravel()) + la.norm(A) * 0\n\n"
        "def uses_array(x):\n    return x + GRID\n\nsquare = lambda x: x * x\n")
    spec = importlib.util.spec_from_file_location("cells", tmp_path / "cells.py")
    assert spec is not None and spec.loader is not None
    cells = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cells)
    source = learner_source(cells.answer, "total")
    assert "import numpy as np" in source and "from math import fsum" in source
    assert "import numpy.linalg as la" in source and "STEP = 2" in source
    assert source.index("def helper") < source.index("def answer") and source.rstrip().endswith("total = answer")
    namespace: dict[str, Any] = {}
    exec(compile(source, "learner.py", "exec"), namespace)  # the file stands alone
    assert namespace["total"]([[1.0, 2.0], [3.0, 4.0]]) == 20.0
    with pytest.raises(NotebookSourceError, match="GRID"):
        learner_source(cells.uses_array, "uses_array")
    with pytest.raises(NotebookSourceError, match="lambda"):
        learner_source(cells.square, "square")
