"""`grade bundle`: ready-made CI set-ups for a course.

- `grade bundle gradescope`: the Gradescope autograder zip: setup.sh and run_autograder at
  its root, the grader's source (installed by setup.sh), the course (exercises and the
  modules they name: references, custom checks) and a secret seed for the hidden cases.
- `grade bundle github`: the GitHub Actions workflow for a course repository.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import secrets
import zipfile
from pathlib import Path
from typing import Iterable, Iterator

from grader import catalog
from grader.definition import Exercise
from grader.errors import GradeError

TEMPLATES = Path(__file__).with_name("templates")
FALLBACK_DEPENDENCIES = ("numpy>=1.26", "scipy>=1.11", "click>=8.1", "pyyaml>=6.0", "jsonschema>=4.18",
                         "tqdm>=4.60")
SKIP_PARTS = {"__pycache__", ".grade", ".git", ".pytest_cache"}
FIXED_TIME = (2020, 1, 1, 0, 0, 0)
EXECUTABLE = 0o100755 << 16
REGULAR = 0o100644 << 16
VISIBILITIES = ("visible", "hidden", "after_due_date", "after_published")
DEFAULT_INSTALL = "python -m pip install ."


def template(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def files_under(folder: Path) -> Iterator[Path]:
    """The files of a folder to ship (no caches, no learner state, no hidden folders)."""
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).parts
        if path.is_file() and not SKIP_PARTS.intersection(rel) and not any(p.startswith(".") for p in rel) \
                and path.suffix not in (".pyc", ".pyo"):
            yield path


def dotted_names(ex: Exercise) -> Iterator[str]:
    """Every `module:function` (or dotted module path) a definition names."""
    yield ex.reference
    for rule in ex.mistakes:
        yield from (n for n in (rule.matches, rule.when) if n and n not in ("nonfinite",))
    for name in (ex.check.name, ex.generate.name, *(e.generate.name for e in ex.edge_cases if e.generate)):
        if ":" in name or "." in name:
            yield name


def course_modules(exercises: Iterable[Exercise], course_root: Path) -> dict[str, Path]:
    """The top-level modules the definitions name, found in the course folder or where Python finds them."""
    found: dict[str, Path] = {}
    for ex in exercises:
        for name in dotted_names(ex):
            top = name.split(":")[0].split(".")[0]
            if not top or top in found or top == "grader":
                continue
            for candidate in (course_root / top, course_root / f"{top}.py"):
                if candidate.exists():
                    found[top] = candidate
                    break
            else:
                spec = importlib.util.find_spec(top)
                if spec is None or spec.origin in (None, "built-in", "frozen"):
                    raise GradeError(f"{ex.path}: cannot find the module {top!r} named by {name!r}")
                origin = Path(spec.origin)
                found[top] = origin.parent if origin.name == "__init__.py" else origin
    return found


def dependencies() -> list[str]:
    """The grader's own requirements (no extras), as installed."""
    try:
        required = importlib.metadata.requires("grade") or []
    except importlib.metadata.PackageNotFoundError:
        return list(FALLBACK_DEPENDENCIES)
    return [r for r in required if "extra ==" not in r] or list(FALLBACK_DEPENDENCIES)


def grader_pyproject() -> str:
    deps = "".join(f'    "{d}",\n' for d in dependencies())
    return ('[build-system]\nrequires = ["setuptools>=64"]\nbuild-backend = "setuptools.build_meta"\n\n'
            '[project]\nname = "grade"\nversion = "0.1.0"\nrequires-python = ">=3.10"\n'
            f"dependencies = [\n{deps}]\n\n[project.scripts]\ngrade = \"grader.cli:main\"\n\n"
            '[tool.setuptools.packages.find]\ninclude = ["grader*"]\n\n'
            '[tool.setuptools.package-data]\ngrader = ["*.json", "sandbox/*.py", "templates/*/*"]\n')


def _add(zf: zipfile.ZipFile, name: str, data: bytes, executable: bool = False) -> None:
    info = zipfile.ZipInfo(name, FIXED_TIME)
    info.external_attr = EXECUTABLE if executable else REGULAR
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)


def run_autograder_script(hidden_visibility: str, seed: int | None) -> str:
    seed_line = f"export GRADE_SEED={int(seed)}" if seed is not None else "unset GRADE_SEED  # a fresh seed each run"
    return (template("gradescope/run_autograder").replace("@HIDDEN_VISIBILITY@", hidden_visibility)
            .replace("@SEED_LINE@", seed_line))


def write_gradescope_bundle(output: Path, exercises_dir: str | None, secret: str | None, seed: int | None = None,
                            hidden_visibility: str = "after_published") -> list[str]:
    """Write the autograder zip; return the names it holds."""
    if hidden_visibility not in VISIBILITIES:
        raise GradeError(f"unknown visibility {hidden_visibility!r} (one of {', '.join(VISIBILITIES)})")
    root = catalog.find_root(exercises_dir)
    cat = catalog.load_catalog(root)
    if cat.problems:
        raise GradeError("the course has invalid exercise definitions; fix them first (grade validate):\n"
                         + "\n".join(str(p) for p in cat.problems))
    if not cat.exercises:
        raise GradeError(f"no exercises in {root}")
    modules = course_modules(cat.exercises.values(), root.parent)
    package = Path(__file__).resolve().parent
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w") as zf:
        _add(zf, "setup.sh", template("gradescope/setup.sh").encode(), executable=True)
        _add(zf, "run_autograder", run_autograder_script(hidden_visibility, seed).encode(), executable=True)
        _add(zf, "grade/pyproject.toml", grader_pyproject().encode())
        for path in files_under(package):
            _add(zf, f"grade/grader/{path.relative_to(package).as_posix()}", path.read_bytes())
        for path in files_under(root):
            _add(zf, f"course/exercises/{path.relative_to(root).as_posix()}", path.read_bytes())
        for top, location in sorted(modules.items()):
            if location.is_file():
                _add(zf, f"course/{top}.py", location.read_bytes())
            else:
                for path in files_under(location):
                    _add(zf, f"course/{top}/{path.relative_to(location).as_posix()}", path.read_bytes())
        if secret:
            _add(zf, "secret_seed", secret.encode())
        return zf.namelist()


def new_secret() -> str:
    return secrets.token_urlsafe(24)


def write_github_workflow(output: Path, install: str = DEFAULT_INSTALL) -> None:
    """Write the GitHub Actions workflow for a course repository."""
    if "\n" in install:
        raise GradeError("the install command must be one line")
    text = template("github/grade.yml").replace("@INSTALL@", install)
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise GradeError(f"cannot write {output}: {exc}") from None


def describe(names: list[str]) -> str:
    """A short account of a bundle's contents."""
    exercises = sum(n.startswith("course/exercises/") and n.endswith(".yaml") for n in names)
    return f"{len(names)} files, {exercises} exercises" + (", a secret seed" if "secret_seed" in names else "")

