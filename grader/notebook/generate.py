"""`grade notebook TOPIC`: one Jupyter notebook per topic: for each exercise its task, the stub in a cell,
and a `check` cell (nbformat)."""

from __future__ import annotations

from pathlib import Path

from grader.catalog import Catalog
from grader.definition import Exercise
from grader.errors import GradeError

INTRO = """# {topic}

Write each function in its cell, run it, then run the `check` cell below it: your function is graded
in an isolated process on random inputs and edge cases, as `grade EXERCISE` grades a file, and the
result says what is wrong (the failing case, the mistake recognised, the seed that reproduces it).
`hint("EXERCISE")` unlocks the next hint. `grade progress` in a terminal shows how far you are."""


def _nbformat():  # type: ignore[no-untyped-def]
    try:
        import nbformat
    except ImportError:
        raise GradeError("notebooks need the notebook extra: pip install 'grade[notebook]'") from None
    return nbformat


def topic_notebook(cat: Catalog, topic: str, exercises_root: str | None) -> object:
    """The notebook of one topic (a nbformat NotebookNode)."""
    nbformat = _nbformat()
    v4 = nbformat.v4
    exercises = [ex for ex in cat.ordered() if ex.topic == topic]
    setup = "from grader import check, hint"
    if exercises_root is not None:
        setup += f"\nimport grader.notebook\n\ngrader.notebook.configure(exercises={exercises_root!r})"
    cells = [v4.new_markdown_cell(INTRO.format(topic=topic.replace("_", " ").capitalize())),
             v4.new_code_cell(setup)]
    for ex in exercises:
        cells += exercise_cells(ex)
    nb = v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def exercise_cells(ex: Exercise) -> list[object]:
    """Task text, the stub, the check cell of one exercise."""
    v4 = _nbformat().v4
    task = f"## {ex.title} (`{ex.id}`)\n\n{ex.task.strip()}"
    if ex.banned:
        task += "\n\nNot allowed here: " + ", ".join(f"`{b}`" for b in ex.banned) + "."
    if ex.hints:
        task += f"\n\nStuck? `hint({ex.id!r})` unlocks the next of {len(ex.hints)} hints."
    stub = ex.stub.read_text(encoding="utf-8").strip() if ex.stub.is_file() else \
        f"def {ex.function}({', '.join(ex.args)}):\n    raise NotImplementedError"
    return [v4.new_markdown_cell(task), v4.new_code_cell(stub),
            v4.new_code_cell(f"check({ex.id!r}, {ex.function})")]


def write_notebooks(cat: Catalog, topics: list[str], output: Path) -> list[Path]:
    """Write one notebook per topic into output; the paths written."""
    nbformat = _nbformat()
    known = list(dict.fromkeys(ex.topic for ex in cat.ordered()))
    unknown = [t for t in topics if t not in known]
    if unknown:
        raise GradeError(f"unknown topic {unknown[0]!r}; the topics are: {', '.join(known)}")
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GradeError(f"cannot create the folder {output}: {exc}") from None
    course = cat.root.parent.resolve()
    here = output.resolve()
    finds_course = here == course or course in here.parents
    written = []
    for topic in topics:
        nb = topic_notebook(cat, topic, None if finds_course else str(cat.root))
        path = output / f"{topic}.ipynb"
        try:
            nbformat.write(nb, str(path))
        except OSError as exc:
            raise GradeError(f"cannot write {path}: {exc}") from None
        written.append(path)
    return written
