"""The compiled course (.grade/compiled.json): trusted only while it matches, rebuilt when anything changes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import EXERCISES, ROOT, run_grade
from grader import catalog, compiled


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped course: its exercises folder."""
    shutil.copytree(EXERCISES, tmp_path / "exercises")
    return tmp_path / "exercises"


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every definition file parsed from YAML (rather than read from the compiled course) is listed here."""
    seen: list[Path] = []
    real = catalog._compile

    def spy(path: Path) -> dict[str, Any]:
        seen.append(path)
        return real(path)

    monkeypatch.setattr(catalog, "_compile", spy)
    return seen


def grade_here(*args: str) -> subprocess.CompletedProcess[str]:
    """The real CLI, with this checkout's grader whatever the working folder."""
    return run_grade(*args, env={"PYTHONPATH": str(ROOT)})


def test_second_load_reads_the_compiled_course(course_copy: Path, compiles: list[Path]) -> None:
    first = catalog.load_catalog(course_copy)
    assert len(compiles) == 40 and (course_copy.parent / ".grade" / "compiled.json").is_file()
    compiles.clear()
    second = catalog.load_catalog(course_copy)
    assert compiles == []
    assert second.exercises == first.exercises
    assert [e.id for e in second.ordered()] == [e.id for e in first.ordered()]
    ex = second.get("lp_norm")
    assert ex.line("generate") == first.get("lp_norm").line("generate") and ex.line("generate") is not None


def test_cached_load_imports_neither_yaml_nor_jsonschema(course_copy: Path) -> None:
    catalog.load_catalog(course_copy)
    code = ("import sys; from pathlib import Path; from grader.catalog import load_catalog; "
            f"c = load_catalog(Path({str(course_copy)!r})); assert len(c.exercises) == 40; "
            "print(sorted(m for m in ('yaml', 'jsonschema', 'numpy', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_rebuilt_when_a_yaml_file_changes(course_copy: Path, compiles: list[Path]) -> None:
    catalog.load_catalog(course_copy)
    path = next(course_copy.rglob("dot_product.yaml"))
    text = path.read_text()
    assert "\ntitle: " in text
    path.write_text(text.replace("\ntitle: ", "\ntitle: Renamed ", 1))
    compiles.clear()
    cat = catalog.load_catalog(course_copy)
    assert compiles, "an edited definition rebuilds the compiled course"
    assert cat.get("dot_product").title.startswith("Renamed")


def test_rebuilt_when_a_yaml_file_is_added_or_removed(course_copy: Path) -> None:
    catalog.load_catalog(course_copy)
    path = next(course_copy.rglob("dot_product.yaml"))
    moved = path.with_name("dot_product.yaml.off")
    path.rename(moved)
    assert "dot_product" not in catalog.load_catalog(course_copy).exercises
    moved.rename(path)
    assert "dot_product" in catalog.load_catalog(course_copy).exercises


def test_rebuilt_when_a_stub_disappears_or_returns(course_copy: Path, compiles: list[Path]) -> None:
    cat = catalog.load_catalog(course_copy)
    stub = cat.get("matmul").stub
    saved = stub.read_bytes()
    stub.unlink()
    compiles.clear()
    broken = catalog.load_catalog(course_copy)
    assert compiles, "a missing stub is noticed without any YAML change"
    assert "matmul" not in broken.exercises
    [problem] = [p for p in broken.problems if Path(p.file).stem == "matmul"]
    assert problem.field == "stub" and problem.line is not None and "does not exist" in problem.message
    stub.write_bytes(saved)
    assert "matmul" in catalog.load_catalog(course_copy).exercises


def test_never_trusted_across_grader_versions(course_copy: Path, compiles: list[Path],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    catalog.load_catalog(course_copy)
    compiles.clear()
    monkeypatch.setattr(compiled, "__version__", "99.0.0")
    catalog.load_catalog(course_copy)
    assert len(compiles) == 40
    blob = json.loads((course_copy.parent / ".grade" / "compiled.json").read_text())
    assert blob["key"] == compiled.course_key(catalog.definition_files(course_copy))


@pytest.mark.parametrize("garbage", ["{not json", '{"format": 1, "key": 3}', "[]", "",
                                     '{"format": 1, "key": "KEY", "entries": [{"path": 1}]}'])
def test_a_corrupt_cache_file_is_rebuilt_not_trusted(course_copy: Path, compiles: list[Path], garbage: str) -> None:
    catalog.load_catalog(course_copy)
    cache = course_copy.parent / ".grade" / "compiled.json"
    key = compiled.course_key(catalog.definition_files(course_copy))
    cache.write_text(garbage.replace("KEY", key))
    compiles.clear()
    cat = catalog.load_catalog(course_copy)
    assert len(compiles) == 40 and len(cat.exercises) == 40
    assert json.loads(cache.read_text())["key"] == key


def test_a_tampered_cache_with_the_right_key_cannot_hide_a_missing_stub(course_copy: Path) -> None:
    catalog.load_catalog(course_copy)
    cache = course_copy.parent / ".grade" / "compiled.json"
    blob = json.loads(cache.read_text())
    stub = catalog.load_catalog(course_copy).get("matmul").stub
    stub.unlink()
    cache.write_text(json.dumps(blob))  # still says the stub exists
    assert "matmul" not in catalog.load_catalog(course_copy).exercises


def test_a_broken_yaml_is_reported_with_file_line_and_field_every_time(course_copy: Path) -> None:
    path = next(course_copy.rglob("cosine_similarity.yaml"))
    lines = path.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("cases:"))
    lines[at] = "cases: many"
    path.write_text("\n".join(lines) + "\n")
    syntax = next(course_copy.rglob("dot_product.yaml"))
    syntax.write_text(syntax.read_text() + "bad: [unclosed\n")
    n = len(syntax.read_text().splitlines())
    for attempt in ("building", "from the compiled course"):
        proc = grade_here("list", "--exercises", str(course_copy))
        assert proc.returncode == 0, (attempt, proc.stderr)
        assert f"{path}:{at + 1}: at cases: " in proc.stderr, (attempt, proc.stderr)
        assert f"{syntax}:" in proc.stderr and "not valid YAML" in proc.stderr, (attempt, proc.stderr)
        line = int(proc.stderr.split(f"{syntax}:")[1].split(":")[0])
        assert n <= line <= n + 1, (attempt, proc.stderr)
        assert "Traceback" not in proc.stderr
    assert (course_copy.parent / ".grade" / "compiled.json").is_file()


def test_read_only_course_uses_the_user_cache(course_copy: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(compiled, "_writable", lambda folder: False)
    catalog.load_catalog(course_copy)
    assert not (course_copy.parent / ".grade").exists()
    assert list((tmp_path / "xdg" / "grade").glob("compiled-*.json"))
