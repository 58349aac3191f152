"""`grade new`: a new exercise's files written from templates, and what in a definition is still the scaffold's.

A course is a folder holding `exercises/` (one folder per topic, a YAML definition and a stub per
exercise); the course root, the folder holding `exercises/`, holds the course's own modules:
references, and any generators, checks or mistake models the definitions name.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from grader.definition import RESERVED_IDS, Exercise, Limits
from grader.errors import GradeError, Problem

TEMPLATES = Path(__file__).with_name("templates") / "new"
PLACEHOLDER = "TODO"
DEFAULT_MODULE = "course_reference"  # not `reference`: grade's own course installs a package of that name
NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Scaffold:
    """The files `grade new` wrote."""

    definition: Path
    stub: Path
    reference_file: Path
    reference: str
    module_created: bool


def reference_module(course_root: Path, topic: str, module: str | None) -> tuple[str, Path]:
    """The module a new exercise's reference goes in, and its file: the option, else reference.TOPIC in a
    course laid out like grade's own (a reference/ package), else course_reference.py in the course root."""
    if module is None:
        module = f"reference.{topic}" if (course_root / "reference" / "__init__.py").is_file() else DEFAULT_MODULE
    if not all(part.isidentifier() and not keyword.iskeyword(part) for part in module.split(".")):
        raise GradeError(f"--reference-module {module!r} is not a Python module name such as course_reference")
    return module, course_root.joinpath(*module.split(".")).with_suffix(".py")


def _check_names(exercise_id: str, topic: str, args: list[str]) -> None:
    if not NAME.match(exercise_id) or keyword.iskeyword(exercise_id):
        raise GradeError(f"the id {exercise_id!r} must be lowercase letters, digits and _, starting with a letter, "
                         "and not a Python keyword (it is also the function's name)")
    if exercise_id in RESERVED_IDS:
        raise GradeError(f"{exercise_id!r} is a command name and cannot be an exercise id")
    if not NAME.match(topic):
        raise GradeError(f"the topic {topic!r} must be lowercase letters, digits and _, starting with a letter")
    for arg in args:
        if not arg.isidentifier() or keyword.iskeyword(arg):
            raise GradeError(f"the argument {arg!r} is not a Python parameter name")
    if len(set(args)) != len(args):
        raise GradeError("argument names repeat in --args")


def _render(name: str, **values: str) -> str:
    return Template((TEMPLATES / f"{name}.tmpl").read_text(encoding="utf-8")).substitute(values)


def create(exercises: Path, exercise_id: str, topic: str, args: list[str], module: str | None) -> Scaffold:
    """Write the definition, the stub and a reference function; refuse to overwrite anything."""
    _check_names(exercise_id, topic, args)
    course_root = exercises.parent
    folder = exercises / topic
    definition, stub = folder / f"{exercise_id}.yaml", folder / f"{exercise_id}.py"
    taken = [p for p in exercises.glob(f"*/{exercise_id}.yaml")] + [p for p in (definition, stub) if p.exists()]
    if taken:
        raise GradeError(f"{taken[0]} already exists: pick another id, or remove it first")
    module_name, reference_file = reference_module(course_root, topic, module)
    existing = reference_file.read_text(encoding="utf-8") if reference_file.is_file() else None
    if existing is not None and re.search(rf"^def {exercise_id}\(", existing, re.M):
        raise GradeError(f"{reference_file} already defines {exercise_id}: pick another id, or remove it first")
    limits = Limits()
    values = dict(id=exercise_id, topic=topic, args=", ".join(args), first_arg=args[0],
                  reference=f"{module_name}:{exercise_id}", yaml_path=shown(definition),
                  reference_file=shown(reference_file),
                  generate_args="\n".join(f"    {a}: {{normal: [n], scale: [0.1, 10]}}  # adapt: kind, shape, scale"
                                          for a in args),
                  case_seconds=str(limits.case_seconds), exercise_seconds=str(limits.exercise_seconds),
                  memory_mb=str(limits.memory_mb), output_kb=str(limits.output_kb))
    folder.mkdir(parents=True, exist_ok=True)
    definition.write_text(_render("exercise.yaml", **values), encoding="utf-8")
    stub.write_text(_render("stub.py", **values), encoding="utf-8")
    for package in reversed(reference_file.relative_to(course_root).parents[:-1]):
        (course_root / package).mkdir(exist_ok=True)
        init = course_root / package / "__init__.py"
        if not init.exists():
            init.write_text("", encoding="utf-8")
    head = _render("reference_module.py") if existing is None else existing.rstrip("\n") + "\n"
    reference_file.write_text(head + _render("reference_function.py", **values), encoding="utf-8")
    return Scaffold(definition, stub, reference_file, f"{module_name}:{exercise_id}", existing is None)


def shown(path: Path) -> str:
    """A path relative to the current folder when it is inside it, for messages and comments."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def placeholder_problems(ex: Exercise) -> list[Problem]:
    """What a definition still holds from `grade new`: TODO in the title, task, hints or stub docstring."""
    problems = []
    for field, text in (("title", ex.title), ("task", ex.task)):
        if text.lstrip().startswith(PLACEHOLDER):
            problems.append(ex.problem(f"the {field} is still the scaffold's TODO: write it", field))
    for i, hint in enumerate(ex.hints):
        if hint.lstrip().startswith(PLACEHOLDER):
            problems.append(ex.problem("this hint is still the scaffold's TODO: write it", "hints", i))
    if ex.stub.is_file() and f'"""{PLACEHOLDER}' in ex.stub.read_text(encoding="utf-8", errors="replace"):
        problems.append(ex.problem(f"the stub's docstring is still the scaffold's TODO: state the task in "
                                   f"{shown(ex.stub)}", "stub"))
    return problems
