"""Golden scenarios: one folder per scenario under tests/scenarios/, run through the real CLI.

Numbers are compared to SIGNIFICANT digits and anything below TINY in magnitude reads `~0`: the last
digits of a LAPACK result, and rounding noise, differ between BLAS builds and CPU kernels.

Each folder holds `args.txt` (the command line after `grade`; `{here}` is the folder and
`{root}` the project, `{course}` the scenarios' own frozen course in `_course/`), optional `env.txt` (KEY=VALUE lines), the learner's files, and the
expected result `expected.txt`: the exit status, then standard output and standard error,
with paths normalised. Set GRADE_UPDATE_GOLDEN=1 to rewrite the expected files.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest

from conftest import ROOT, run_grade

SCENARIOS = Path(__file__).resolve().parent / "scenarios"


SIGNIFICANT = 6
TINY = 1e-12
FLOAT = re.compile(r"(?<![\w.])-?(?:\d+\.\d+(?:[eE][-+]?\d+)?|\d+[eE][-+]?\d+)(?![\w.])")


def _round(match: re.Match[str]) -> str:
    value = float(match.group())
    if value != 0 and abs(value) < TINY:
        return "~0"
    return f"{value:.{SIGNIFICANT}g}"


def normalise(text: str, here: Path) -> str:
    text = text.replace(str(here), "<here>").replace(str(COURSE), "<course>").replace(str(ROOT), "<root>")
    text = re.sub(r'"seed": \d+', '"seed": <seed>', text) if "<random-seed>" in text else text
    return FLOAT.sub(_round, text)


def render(proc_code: int, stdout: str, stderr: str, here: Path) -> str:
    return (f"exit: {proc_code}\n--- stdout\n{normalise(stdout, here)}--- stderr\n{normalise(stderr, here)}")


COURSE = SCENARIOS / "_course" / "exercises"


@pytest.mark.parametrize("name", sorted(p.name for p in SCENARIOS.iterdir() if p.is_dir() and p.name[0] != "_"))
def test_scenario(name: str) -> None:
    here = SCENARIOS / name
    args = shlex.split((here / "args.txt").read_text().strip().format(here=here, root=ROOT, course=COURSE))
    env = {}
    if (here / "env.txt").exists():
        env = dict(line.split("=", 1) for line in (here / "env.txt").read_text().split())
    proc = run_grade(*args, env=env)
    assert "Traceback (most recent call last)" not in proc.stderr
    actual = render(proc.returncode, proc.stdout, proc.stderr, here)
    expected_file = here / "expected.txt"
    if os.environ.get("GRADE_UPDATE_GOLDEN") or not expected_file.exists():
        expected_file.write_text(actual)
    assert actual == expected_file.read_text()
