"""Side-by-side timing ratios (the machine is shared and noisy: only ratios measured in one run count).

Runs the commands alternately, N pairs, and prints the median of the per-pair ratios:
- `grade EXERCISE` vs the floor `python -c "import numpy, scipy.linalg"` (goal <= 1.15);
- `grade all` on a perfect 40-exercise submission vs the same floor (goal <= 3.0);
- `grade EXERCISE` vs its pytest peer: the same cases checked by a pytest file against the
  reference, as an instructor would write it without grade (goal <= 0.3);
- the batch figure: `grade batch` on a class of real work (bench_batch.py's default class), in
  gradings per second (goal >= 300 on 2 cores);
- with --isolation, the sandbox's cost over calling the learner function in-process.

Usage: python bench/bench.py [--pairs 15] [--exercise vector_arithmetic] [--batch 60] [--isolation] [--runners]
(--runners: only the portable runner's ratios beside the Linux runner's, one exercise and `grade all`)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = [sys.executable, "-c", "import numpy, scipy.linalg"]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def ratio(cmd: list[str], pairs: int, env: dict[str, str],
          base: list[str] = FLOOR) -> tuple[float, float, float]:
    """Median of per-pair ratios cmd/base (run alternately, first one then the other), and the median times."""
    ratios, mine, floors = [], [], []
    timed(cmd, env)
    timed(base, env)  # warm the file cache of both
    for i in range(pairs):
        if i % 2:
            a = timed(cmd, env)
            b = timed(base, env)
        else:
            b = timed(base, env)
            a = timed(cmd, env)
        ratios.append(a / b)
        mine.append(a)
        floors.append(b)
    return statistics.median(ratios), statistics.median(mine), statistics.median(floors)


def solution_dir(exercises: list[str]) -> Path:
    """A submission folder with the catalog's first correct solution for each exercise."""
    from grader.catalog import load_catalog

    cat = load_catalog(ROOT / "exercises")
    out = Path(tempfile.mkdtemp(prefix="grade-bench-"))
    for ex in cat.ordered():
        if exercises and ex.id not in exercises:
            continue
        good = sorted((ROOT / "tests" / "solutions" / ex.id).glob("correct_*.py"))
        if good:
            target = out / ex.stub.relative_to(cat.root)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(good[0].read_text())
    return out


def isolation_cost(exercise: str, repeats: int) -> tuple[float, float, int]:
    """Per-exercise and per-case cost of the sandbox over calling the function in-process."""
    import importlib.util

    from grader.catalog import load_catalog
    from grader.grading import Grader, _limits, blocked_dirs, call_with
    from grader.sandbox.client import RunRequest, Sandbox

    cat = load_catalog(ROOT / "exercises")
    ex = cat.get(exercise)
    file = sorted((ROOT / "tests" / "solutions" / ex.id).glob("correct_*.py"))[0]
    spec = importlib.util.spec_from_file_location("bench_solution", file)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    func = getattr(module, ex.function)

    def per_count(count: int) -> tuple[float, float]:
        with Sandbox() as box:
            grader = Grader(box)
            cases, _expected = grader.prepare(ex, 0, count)
            request = RunRequest(file.resolve(), ex.function, tuple((c.name, c.args) for c in cases), ex.banned,
                                 _limits(ex), blocked_dirs())
            box.run(request)  # warm up
            sandboxed, direct = [], []
            for _ in range(repeats):
                t = time.perf_counter()
                box.run(request)
                sandboxed.append(time.perf_counter() - t)
                t = time.perf_counter()
                for case in cases:
                    call_with(func, case.args)
                direct.append(time.perf_counter() - t)
        return statistics.median(sandboxed), statistics.median(direct)
    few_s, few_d = per_count(1)
    many_s, many_d = per_count(401)
    per_exercise = few_s - few_d
    per_case = ((many_s - many_d) - (few_s - few_d)) / 400
    return per_exercise, per_case, len(ex.edge_cases)


def runner_ratios(exercise: str, pairs: int, env: dict[str, str]) -> None:
    """The portable runner's ratios beside the Linux runner's: one exercise, and `grade all`."""
    good = sorted((ROOT / "tests" / "solutions" / exercise).glob("correct_*.py"))[0]
    sub = solution_dir([])
    commands = {f"grade {exercise}": [sys.executable, "-m", "grader.cli", exercise, "--file", str(good), "--seed", "1"],
                "grade all": [sys.executable, "-m", "grader.cli", "all", "--submission", str(sub), "--seed", "1"]}
    for label, cmd in commands.items():
        n = pairs if label != "grade all" else max(5, pairs // 3)
        linux = ratio(cmd, n, {k: v for k, v in env.items() if k != "GRADE_SANDBOX"})
        portable = ratio(cmd, n, {**env, "GRADE_SANDBOX": "portable"})
        print(f"{label}: ratio to the floor {linux[0]:.2f} (Linux runner, {linux[1] * 1000:.0f} ms) | "
              f"{portable[0]:.2f} (portable runner, {portable[1] * 1000:.0f} ms)")
PEER = """\
import pickle
from pathlib import Path

import numpy as np
import pytest

from {module} import {function} as reference
from solution import {function}

CASES = pickle.loads((Path(__file__).parent / "cases.pickle").read_bytes())


@pytest.mark.parametrize("args", CASES, ids=[str(i) for i in range(len(CASES))])
def test_case(args):
    expected = reference(*[np.copy(a) for a in args.values()])
    np.testing.assert_allclose({function}(*[np.copy(a) for a in args.values()]), expected, rtol={rtol}, atol={atol})
"""


def pytest_peer(exercise: str, solution: Path) -> tuple[list[str], Path]:
    """A folder with the pytest file an instructor would write for the same cases, and its command."""
    import pickle

    from grader.catalog import load_catalog
    from grader.dotted import split
    from grader.inputs import build_cases

    ex = load_catalog(ROOT / "exercises").get(exercise)
    folder = Path(tempfile.mkdtemp(prefix="grade-peer-"))
    cases = [dict(c.args) for c in build_cases(ex, 1, None) if not c.raises]
    (folder / "cases.pickle").write_bytes(pickle.dumps(cases))
    (folder / "solution.py").write_text(solution.read_text())
    module, attr = split(ex.reference)
    rtol = float(ex.check.params.get("rtol", 1e-9))
    atol = float(ex.check.params.get("atol", 1e-12))
    (folder / "test_peer.py").write_text(PEER.format(module=module, function=ex.function, rtol=rtol, atol=atol)
                                         .replace(f"import {ex.function} as reference", f"import {attr} as reference"))
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(folder / "test_peer.py")]
    return cmd, folder


def batch_rate(submissions: int) -> str:
    """The batch figure: bench_batch.py's line of gradings per second on its class of real work."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_batch.py"), "--submissions", str(submissions)],
                          cwd=ROOT, capture_output=True, text=True, check=False, env=env)
    lines = [line for line in proc.stdout.splitlines() if "gradings/s" in line]
    if proc.returncode or not lines:  # a crashed batch has no rate (it once printed 6481/s for a crash)
        return f"FAILED (exit {proc.returncode}): {(proc.stderr or proc.stdout)[-500:]}"
    return lines[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=15)
    parser.add_argument("--exercise", default="vector_arithmetic")
    parser.add_argument("--batch", type=int, default=60, help="submissions in the batch class (0: skip)")
    parser.add_argument("--isolation", action="store_true")
    parser.add_argument("--runners", action="store_true", help="Only the Linux and portable runners' ratios.")
    args = parser.parse_args()
    # PYTHONDONTWRITEBYTECODE (set in some shells and CI images) would make every timed run compile the grader's
    # ~100 modules afresh: a learner's `grade` writes its .pyc files once, so the timed runs may too
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update({"NO_COLOR": "1", "PYTHONPATH": str(ROOT)})
    sys.path.insert(0, str(ROOT))
    if args.runners:
        runner_ratios(args.exercise, args.pairs, env)
        return
    good = sorted((ROOT / "tests" / "solutions" / args.exercise).glob("correct_*.py"))[0]
    cmd = [sys.executable, "-m", "grader.cli", args.exercise, "--file", str(good), "--seed", "1"]
    subprocess.run([sys.executable, "-m", "grader.cli", "list"], cwd=ROOT, env=env, capture_output=True)  # compile
    r, mine, floor = ratio(cmd, args.pairs, env)
    print(f"one exercise / floor: {r:.2f} (goal <= 1.15); grade {args.exercise} {mine * 1000:.0f} ms, "
          f"floor {floor * 1000:.0f} ms", flush=True)
    sub = solution_dir([])
    count = len(list(sub.rglob("*.py")))
    cmd_all = [sys.executable, "-m", "grader.cli", "all", "--submission", str(sub), "--seed", "1"]
    r_all, mine_all, floor_all = ratio(cmd_all, max(5, args.pairs // 2), env)
    print(f"grade all / floor: {r_all:.2f} (goal <= 3.0); {count} exercises {mine_all * 1000:.0f} ms, "
          f"floor {floor_all * 1000:.0f} ms", flush=True)
    peer, folder = pytest_peer(args.exercise, good)
    check = subprocess.run(peer, cwd=folder, env=env, capture_output=True, text=True)
    if check.returncode != 0:
        print(f"the pytest peer fails: {check.stdout[-800:]}")
    r_peer, mine_peer, peer_time = ratio(cmd, args.pairs, env, base=peer)
    print(f"one exercise / pytest peer: {r_peer:.2f} (goal <= 0.3); grade {mine_peer * 1000:.0f} ms, "
          f"pytest {peer_time * 1000:.0f} ms", flush=True)
    if args.batch:
        print(f"batch ({args.batch} submissions of real work x 40): {batch_rate(args.batch)} (goal >= 300/s)",
              flush=True)
    if args.isolation:
        for exercise in dict.fromkeys([args.exercise, "determinant"]):
            per_ex, per_case, _ = isolation_cost(exercise, 15)
            print(f"isolation ({exercise}): {per_ex * 1000:.2f} ms per exercise (goal <= 10), "
                  f"{per_case * 1000:.3f} ms per case (goal <= 0.1), over calling the function in-process")


if __name__ == "__main__":
    main()
