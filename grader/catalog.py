"""Finding and loading the exercises folder; one broken definition never hides the others."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader import compiled
from grader.definition import Exercise, from_data, parse, stub_path
from grader.errors import DefinitionError, GradeError, MissingFile, Problem, UnknownExercise

ENV = "GRADE_EXERCISES"


def find_root(option: str | None) -> Path:
    """The exercises folder: the option, $GRADE_EXERCISES, or `exercises/` here or in a parent."""
    named = option or os.environ.get(ENV)
    if named:
        path = Path(named)
        if not path.is_dir():
            raise MissingFile(f"the exercises folder {path} does not exist")
        return path.resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "exercises").is_dir():
            return folder / "exercises"
    raise GradeError("no exercises folder here or in any parent folder; run grade inside a course, "
                     f"or pass --exercises DIR (or set {ENV})")


def definition_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.yaml") if not any(part.startswith(".") for part in p.parts))


@dataclass
class Catalog:
    """Every loadable exercise under a folder, and the problems of those that are not."""

    root: Path
    exercises: dict[str, Exercise] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def ordered(self) -> list[Exercise]:
        """Exercises by topic (in order of first appearance by `order`), then by order and id."""
        topic_rank: dict[str, tuple[int, str]] = {}
        for ex in self.exercises.values():
            rank = (ex.order, ex.id)
            topic_rank[ex.topic] = min(topic_rank.get(ex.topic, rank), rank)
        return sorted(self.exercises.values(), key=lambda e: (topic_rank[e.topic], e.order, e.id))

    def get(self, exercise_id: str) -> Exercise:
        if exercise_id not in self.exercises:
            broken = [p for p in self.problems if Path(p.file).stem == exercise_id]
            if broken:
                raise DefinitionError(broken)
            raise UnknownExercise(f"unknown exercise {exercise_id!r}; `grade list` shows the exercises")
        return self.exercises[exercise_id]


def load_catalog(root: Path) -> Catalog:
    """Load every definition under root, collecting problems instead of stopping at the first.

    Read from the compiled course when it is current (no YAML, no schema, no imports of checks
    or generators); otherwise every file is parsed and proven, and the compiled course rebuilt.
    """
    files = definition_files(root)
    key = compiled.course_key(files)
    entries = compiled.read(root, key)
    if entries is None:
        entries = [_compile(path) for path in files]
        compiled.write(root, key, entries)
    catalog = Catalog(root)

    def misnamed(item: dict[str, Any]) -> bool:
        data = item["data"]
        return not (isinstance(data, dict) and Path(item["path"]).stem == data.get("id"))

    for item in sorted(entries, key=misnamed):  # of two files with one id, the one named after it is the exercise
        if item["problems"] or item["data"] is None:
            catalog.problems.extend(item["problems"])
            continue
        path = item["path"]
        ex = from_data(item["data"], path, item["lines"], check=False)
        if ex.id in catalog.exercises:
            other = catalog.exercises[ex.id].path
            catalog.problems.append(ex.problem(f"the id {ex.id!r} is already used by {other}", "id"))
            continue
        if path.stem != ex.id:
            catalog.problems.append(ex.problem(f"the file should be named {ex.id}.yaml after its id", "id"))
        catalog.exercises[ex.id] = ex
    return catalog


def _compile(path: Path) -> dict[str, Any]:
    """Parse and prove one definition file: its compiled entry (data and lines, or its problems)."""
    try:
        data, lines = parse(path)
    except DefinitionError as exc:
        return compiled.entry(path, None, None, exc.problems, {})
    stubs: dict[str, bool] = {}
    try:
        stub = stub_path(data, path)
        stubs[str(stub)] = stub.is_file()
        from_data(data, path, lines, check=True)
    except DefinitionError as exc:
        return compiled.entry(path, None, None, exc.problems, stubs)
    return compiled.entry(path, data, lines, [], stubs)


def load_one(root: Path, exercise_id: str) -> Exercise:
    """Load one exercise (from the compiled course, rebuilt first when anything changed)."""
    return load_catalog(root).get(exercise_id)
