"""Banned calls (issue 14): no route from a learner's code reaches a banned function and ends as passed.

Two layers, each tested on the routes it holds:
- reading the learner's files before they run (grader/sandbox/scan.py): banned names under any alias, and,
  where an exercise bans calls, reflection: names or code built at run time, frames, closures, namespaces,
  the garbage collector, ctypes, changes to a library. Every route below is refused there, in the real
  sandbox, before any of the learner's code runs;
- at run time (grader/sandbox/learner_process.py): wrappers in place of the banned functions that hold no
  original and no switch, and an audit hook that refuses ctypes, the collector's object lists and fresh
  programs once the learner's code runs: what a library does for the learner without naming it
  (numpy.ctypeslib) meets it there.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from conftest import ROOT, run_grade
from grader.sandbox.scan import effective_bans

LIMITS = {"case_seconds": 5, "exercise_seconds": 10, "memory_mb": 256, "output_kb": 4}
DET = ("numpy.linalg.det",)
MATMUL = ("numpy.dot", "numpy.matmul", "@", "operator.matmul", "numpy.ndarray.dot", "numpy.ndarray.__matmul__",
          "numpy.ndarray.__rmatmul__")
CASE = (("one", {"A": np.array([[2.0, 1.0], [1.0, 3.0]])}),)

# route -> (source, banned, a finding it must report). None of them names the banned function.
ROUTES: dict[str, tuple[str, tuple[str, ...], str]] = {
    "meta_path_switch": (
        "import sys, numpy as np\n\ndef f(A):\n    for finder in sys.meta_path:\n"
        "        if hasattr(finder, 'tripwires'):\n            finder.tripwires.active = False\n"
        "    return float(getattr(np.linalg, 'd' + 'et')(A))\n", DET, "reflection: sys.meta_path"),
    "wrapper_closure": (
        "import numpy as np\n\ndef f(A):\n    w = np.linalg.norm\n    w = getattr(np.linalg, 'd' + 'et')\n"
        "    for cell in w.__closure__ or ():\n        if callable(cell.cell_contents):\n"
        "            return float(cell.cell_contents(A))\n", DET, "reflection: .__closure__"),
    "module_globals": (
        "import sys\n\ndef f(A):\n    for name, module in list(sys.modules.items()):\n"
        "        if name.endswith('learner_process'):\n            module._TRIPWIRES = None\n    return 0.0\n",
        DET, "reflection: sys.modules"),
    "wrapper_globals": (
        "import numpy as np\n\ndef f(A):\n    g = np.linalg.det.__globals__\n    return float(g['_KEPT'][0](A))\n",
        DET, "reflection: .__globals__"),
    "frames": (
        "import sys\n\ndef f(A):\n    frame = sys._getframe(1)\n    while frame is not None:\n"
        "        frame.f_globals.pop('_TRIPWIRES', None)\n        frame = frame.f_back\n    return 0.0\n",
        DET, "reflection: sys._getframe"),
    "traceback_frames": (
        "def f(A):\n    try:\n        raise ValueError\n    except ValueError as exc:\n"
        "        up = exc.__traceback__.tb_frame.f_back\n    return float(len(up.f_locals))\n", DET,
        "reflection: .tb_frame"),
    "generator_frame": (
        "def g():\n    yield 1\n\ndef f(A):\n    it = g()\n    return float(len(it.gi_frame.f_globals))\n", DET,
        "reflection: .gi_frame"),
    "gc_originals": (
        "import gc\n\ndef f(A):\n    for o in gc.get_objects():\n"
        "        if callable(o) and getattr(o, '__name__', '') == 'd' + 'et':\n            return float(o(A))\n",
        DET, "reflection: the module gc"),
    "gc_by_name": (
        "import numpy as np\n\ndef f(A):\n    collector = __import__('g' + 'c')\n"
        "    return float(len(collector.get_referrers(np.linalg)))\n", DET, "reflection: __import__()"),
    "type_dict": ("def f(A):\n    return type(A).__dict__['__mat' + 'mul__'](A, A)\n", MATMUL, "reflection: .__dict__"),
    "vars_enumeration": (
        "def f(A):\n    product = [v for k, v in vars(type(A)).items() if k.startswith('__matm')][0]\n"
        "    return product(A, A)\n", MATMUL, "reflection: vars()"),
    "getattr_as_value": (
        "from functools import reduce\nimport numpy as np\n\ndef f(A):\n"
        "    return reduce(getattr, ['linalg', 'd' + 'et'], np)(A)\n", DET, "reflection: getattr passed as a value"),
    "reimport_twin": (
        "import sys\n\ndef f(A):\n    sys.modules.pop('_oper' + 'ator', None)\n    op = __import__('_oper' + 'ator')\n"
        "    return op.matmul(A, A)\n", MATMUL, "reflection: sys.modules"),
    "monkeypatch_scanner": (
        "import ast\nast.parse = lambda *a, **k: ast.Module(body=[], type_ignores=[])\n\ndef f(A):\n"
        "    return float(eval('__import__(\"numpy\").linalg.d' + 'et')(A))\n", DET, "reflection: changing ast.parse"),
    "exec_built_source": (
        "def f(A):\n    scope = {'A': A}\n    exec('import numpy\\nr = numpy.linalg.d' + 'et(A)', scope)\n"
        "    return float(scope['r'])\n", DET, "reflection: exec()"),
    "library_compiles": (
        "import timeit\n\ndef f(A):\n    out = {}\n"
        "    timeit.Timer(\"out['r'] = vars(A)\", globals={'A': A, 'out': out}).timeit(1)\n    return out['r']\n",
        MATMUL, "reflection: the module timeit"),
    "pickle_by_name": (
        "import pickle\n\ndef f(A):\n    return pickle.loads(b'cnumpy.linalg\\nd' + b'et\\n.')(A)\n", DET,
        "reflection: the module pickle"),
    "fresh_interpreter": (
        "import subprocess, sys\n\ndef f(A):\n    out = subprocess.run([sys.executable, '-c', 'print(1)'],"
        " capture_output=True, text=True)\n    return float(out.stdout)\n", DET, "reflection: the module subprocess"),
    # the standard library's resolvers of dotted names and evaluators of strings
    "pkgutil_resolver": (
        "import pkgutil\n\ndef f(A):\n    return float(pkgutil.resolve_name('numpy.linalg:d' + 'et')(A))\n", DET,
        "reflection: the module pkgutil"),
    "pydoc_locate": (
        "from pydoc import locate\n\ndef f(A):\n    return float(locate('numpy.linalg.d' + 'et')(A))\n", DET,
        "reflection: the module pydoc"),
    "format_field": (
        "import string\n\ndef f(A):\n    return string.Formatter().get_field('0.__mat' + 'mul__', [A], {})[0](A)\n",
        MATMUL, "reflection: string.Formatter"),
    "module_through_module": (
        "import typing\n\ndef f(A):\n    return float(typing.sys.modules['numpy'].linalg.det(A))\n", DET,
        "reflection: sys.modules"),
    "ctypes_through_numpy": (
        "import numpy as np\n\ndef f(A):\n    return float(np.ctypeslib.ctypes.sizeof(np.ctypeslib.ctypes.c_int))\n",
        DET, "reflection: the module ctypes"),
    "string_annotation": (
        "import sys, typing\n\ndef g(x: \"sys.modules['numpy'].linalg\"):\n    pass\n\ndef f(A):\n"
        "    return float(typing.get_type_hints(g)['x'].det(A))\n", DET, "reflection: typing.get_type_hints"),
    "logging_resolver": (
        "import logging.config\n\ndef f(A):\n"
        "    return float(logging.config.BaseConfigurator({}).resolve('numpy.linalg.d' + 'et')(A))\n", DET,
        "reflection: logging.config"),
    "mock_patch_getter": (
        "from unittest import mock\n\ndef f(A):\n    return float(mock.patch('numpy.linalg.x').getter().det(A))\n",
        DET, "reflection: the module unittest"),
    "pth_file_runner": (
        "import os, site\n\ndef f(A):\n    with open('x.pth', 'w') as out:\n"
        "        out.write('import numpy; numpy.linalg.HELD = 1\\n')\n"
        "    site.addpackage(os.getcwd(), 'x.pth', set())\n    return 0.0\n", DET, "reflection: the module site"),
    "numpy_raw_lapack": (
        "from numpy.linalg import lapack_lite\n\ndef f(A):\n    return float(len(dir(lapack_lite)))\n",
        effective_bans(("numpy.linalg.qr",)), "numpy.linalg.lapack_lite"),
    "numpy_gufuncs": (
        "import numpy as np\n\ndef f(A):\n    return np.linalg._linalg._umath_linalg.eigh_lo(A)[0]\n",
        effective_bans(("numpy.linalg.eigh",)), "numpy.linalg._linalg._umath_linalg.eigh_lo"),
    "ctypes_blas": (
        "import ctypes, glob, os\nimport numpy as np\n\ndef f(A):\n"
        "    libs = glob.glob(os.path.join(os.path.dirname(np.__file__) + '.libs', '*openblas*'))\n"
        "    blas = ctypes.CDLL(libs[0])\n    return float(len(libs))\n", MATMUL, "reflection: the module ctypes"),
}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every route graded in one sandbox, as one learner's exercises."""
    from grader.sandbox.client import RunRequest, Sandbox

    folder = tmp_path_factory.mktemp("routes")
    folder.chmod(0o755)
    done: dict[str, Any] = {}
    with Sandbox() as box:
        for name, (source, banned, _finding) in ROUTES.items():
            path = folder / f"{name}.py"
            path.write_text(source)
            path.chmod(0o644)
            done[name] = box.run(RunRequest(path.resolve(), "f", CASE, banned, LIMITS))
    return done


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_route_is_refused_before_the_learners_code_runs(outcomes: dict[str, Any], route: str) -> None:
    outcome = outcomes[route]
    names = {b.name for b in outcome.banned}
    assert ROUTES[route][2] in names, (route, names)
    assert outcome.cases[0].kind == "not_run", outcome  # nothing of the learner's ran: no value, no error


def test_reflection_is_allowed_where_nothing_is_banned(tmp_path: Path) -> None:
    """The rule costs nothing where no call is banned: the same file runs as written."""
    from grader.sandbox.client import RunRequest, Sandbox

    path = tmp_path / "free.py"
    path.write_text("def f(A):\n    return float(len(vars(type(A)))) + getattr(A, 'si' + 'ze')\n")
    tmp_path.chmod(0o755)
    path.chmod(0o644)
    with Sandbox() as box:
        outcome = box.run(RunRequest(path.resolve(), "f", CASE, (), LIMITS))
    assert outcome.cases[0].kind == "value" and not outcome.banned, outcome


def test_a_library_calling_ctypes_for_the_learner_is_refused_at_run_time(tmp_path: Path) -> None:
    """numpy.ctypeslib is not reflection by name; the ctypes calls it makes for the learner meet the audit
    hook once the learner's code runs, where the exercise bans calls."""
    from grader.sandbox.client import RunRequest, Sandbox

    libc = next(Path(line.split()[-1]) for line in Path("/proc/self/maps").read_text().splitlines()
                if "/libc.so" in line or "/libc-" in line)
    path = tmp_path / "via_numpy.py"
    path.write_text("import numpy as np\n\ndef f(A):\n"
                    f"    lib = np.ctypeslib.load_library({libc.name!r}, {str(libc.parent)!r})\n"
                    "    return float(lib.getpid())\n")
    tmp_path.chmod(0o755)
    path.chmod(0o644)
    with Sandbox() as box:
        banned = box.run(RunRequest(path.resolve(), "f", CASE, MATMUL, LIMITS))
        free = box.run(RunRequest(path.resolve(), "f", CASE, (), LIMITS))
    case = banned.cases[0]
    assert case.kind == "raised" and case.raised.type in ("PermissionError", "OSError"), banned
    assert "ctypes" in case.raised.message and "not allowed in an exercise that bans calls" in case.raised.message
    assert free.cases[0].kind in ("value", "raised")  # where nothing is banned the hook lets it be
    if free.cases[0].kind == "raised":
        assert "bans calls" not in free.cases[0].raised.message


WRAPPER_PROBE = """
import json, sys
sys.path.insert(0, {root!r})
import numpy as np
from grader.sandbox import learner_process as lp
held = [np.linalg.det]  # in a list: the tripwires rebind module attributes (this __main__'s too), not lists
sent = []
lp.Tripwires(["numpy.linalg.det"], lambda header, blobs=None: sent.append(header), "learner.py").install()
wrapper = np.linalg.det
untouched = lp.intact()
np.linalg.det = held[0]  # what a learner who reached the original would do for their next exercise
undone = lp.intact()
np.linalg.det = wrapper
cells = [c.cell_contents for c in wrapper.__closure__ or ()]
finder = next(f for f in sys.meta_path if isinstance(f, lp._PatchAfterImport))
for obj in (finder.tripwires, wrapper):
    for name in ("active", "armed", "banned", "all_banned"):
        try:
            setattr(obj, name, False if name in ("active", "armed") else [])
        except Exception:
            pass
try:
    wrapper(np.eye(2))
    refused = False
except lp.BannedCall:
    refused = True
print(json.dumps({{"holds_original": any(c is held[0] for c in cells), "still_refused": refused,
                  "reported": [h.get("name") for h in sent], "intact": untouched, "after_undoing": undone, "after_switching": lp.intact()}}))
"""


def test_a_wrapper_holds_no_original_and_no_switch() -> None:
    """The run-time layer alone, in a plain interpreter: the wrapper's closure holds no original, and
    setting whatever a learner could reach (the finder's tripwires, the wrapper) does not switch it off;
    a wrapper put back to the original is seen (`intact`: such a process takes no next exercise)."""
    proc = subprocess.run([sys.executable, "-c", WRAPPER_PROBE.format(root=str(ROOT))], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    probe = json.loads(proc.stdout.strip().splitlines()[-1])
    assert probe == {"holds_original": False, "still_refused": True, "reported": ["numpy.linalg.det"],
                     "intact": True, "after_undoing": False, "after_switching": False}, probe


def test_grade_says_in_plain_words_why_reflection_is_refused(tmp_path: Path) -> None:
    """Through the CLI: status banned, the line, and why, never passed."""
    attempt = tmp_path / "determinant.py"
    attempt.write_text("import numpy as np\n\n\ndef determinant(A):\n"
                       "    return float([v for k, v in vars(np.linalg).items() if k == 'd' + 'et'][0](A))\n")
    proc = run_grade("determinant", "--file", str(attempt), "--format", "json")
    report = json.loads(proc.stdout)
    assert proc.returncode == 1 and report["status"] == "banned", report
    assert report["message"].startswith("vars() is not allowed in an exercise that bans calls (line 5)"), report
    assert "names built at run time" in report["message"]


UNREACHABLE_PROBE = """
import json, pkgutil, pydoc, sys

def f(A):
    seen = {"modules": sorted(n for n in sys.modules if n.split(".")[0] in ("_grade_sandbox", "grader"))}
    for name in ("_grade_sandbox", "_grade_sandbox.learner_process:intact", "grader.sandbox"):
        try:
            pkgutil.resolve_name(name)
            seen[name] = "resolved"
        except ImportError:
            seen[name] = "refused"
    try:
        seen["pydoc"] = repr(pydoc.locate("_grade_sandbox.scan"))
    except pydoc.ErrorDuringImport:
        seen["pydoc"] = "refused"
    seen["main"] = sorted(k for k in vars(sys.modules["__main__"]) if not k.startswith("__"))
    print(json.dumps(seen))
    return 1.0
"""


@pytest.mark.parametrize("runner", ["default", "portable"])
def test_no_name_reaches_the_graders_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: str) -> None:
    """The run-time layer for every resolver of dotted names (pkgutil, pydoc, unpickling, logging.config,
    a format field's `modules[...]`): in the learner's process sys.modules holds none of the sandbox's own
    modules, the package cannot be imported, and `__main__` is not the worker's script. Where nothing is
    banned, so that the probe may use the resolvers themselves; on both runners."""
    from grader.sandbox.client import RunRequest, Sandbox

    if runner == "portable":
        monkeypatch.setenv("GRADE_SANDBOX", "portable")
    path = tmp_path / "probe.py"
    path.write_text(UNREACHABLE_PROBE)
    tmp_path.chmod(0o755)
    path.chmod(0o644)
    with Sandbox() as box:
        outcomes = [box.run(RunRequest(path.resolve(), "f", CASE, (), LIMITS)) for _ in range(2)]  # fresh, reused
    for outcome in outcomes:
        assert outcome.cases[0].kind == "value", outcome
        seen = json.loads(outcome.cases[0].output)
        assert seen == {"modules": [], "_grade_sandbox": "refused", "_grade_sandbox.learner_process:intact": "refused",
                        "grader.sandbox": "refused", "pydoc": "refused", "main": []}, seen


TAMPER = """
import os, sys

def f(A):
    frame = sys._getframe(1)
    while frame is not None and "_TRIPWIRES" not in frame.f_globals:
        frame = frame.f_back
    frame.f_globals["_TRIPWIRES"].all_banned.append("numpy.linalg.det")  # as if it had undone a ban
    return float(os.getpid())
"""
PID = "import os\n\ndef f(A):\n    return float(os.getpid())\n"


@pytest.mark.parametrize("runner", ["default", "portable"])
def test_a_process_whose_tripwires_were_changed_takes_no_next_exercise(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                         runner: str) -> None:
    """A learner's process is kept for the same learner's next exercise only while its tripwires are as they
    were put (Tripwires.intact). Changing them takes reflection, which only an exercise banning nothing allows;
    there the probe changes the list the tripwires enforce, and the next exercise runs in a fresh process,
    where an untouched one is reused. On both runners."""
    from grader.sandbox.client import RunRequest, Sandbox

    if runner == "portable":
        monkeypatch.setenv("GRADE_SANDBOX", "portable")
    for name, text in (("tamper.py", TAMPER), ("pid.py", PID)):
        (tmp_path / name).write_text(text)
        (tmp_path / name).chmod(0o644)
    tmp_path.chmod(0o755)

    def pid(box: Sandbox, name: str) -> float:
        outcome = box.run(RunRequest((tmp_path / name).resolve(), "f", CASE, (), LIMITS))
        assert outcome.cases[0].kind == "value", outcome
        return outcome.cases[0].value

    with Sandbox() as box:
        first, again = pid(box, "pid.py"), pid(box, "pid.py")
        tampered = pid(box, "tamper.py")
        after = pid(box, "pid.py")
    assert first == again == tampered  # reused while intact
    assert after != tampered  # the changed process served no further exercise


def test_a_main_block_is_not_scanned_unless_the_file_binds_its_name() -> None:
    """A learner's own checks under `if __name__ == "__main__":` (np.linalg.det beside their determinant,
    doctest.testmod()) never run when the grader imports the file: they were 'banned'. A file that assigns
    __name__ (so that the block runs on import) is scanned whole."""
    from grader.sandbox.scan import scan_source

    checks = ('if __name__ == "__main__":\n    import doctest\n    doctest.testmod()\n'
              '    print(np.linalg.det(np.eye(2)))\nelse:\n    x = np.linalg.det\n')
    source = "import numpy as np\n\n\ndef determinant(A):\n    return 1.0\n\n\n" + checks
    found = {f.name.removeprefix("reflection: ") for f in scan_source(source, "f.py", ["numpy.linalg.det"])}
    assert found == {"numpy.linalg.det"} and [f.line for f in scan_source(source, "f.py", ["numpy.linalg.det"])] \
        == [13], found  # the else branch, which runs on import, is still read
    for binding in ('__name__ = "__main__"\n', 'globals().update(__name__="__main__")\n',
                    "from os import sep as __name__\n", 'import submission\nsubmission.__name__ = "__main__"\n'):
        hostile = scan_source(binding + source, "f.py", ["numpy.linalg.det"])
        assert any(f.line >= 12 and "numpy.linalg.det" in f.name for f in hostile) or \
            any("globals" in f.name for f in hostile), (binding, hostile)
