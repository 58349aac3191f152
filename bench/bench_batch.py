"""Batch throughput: a class graded by `grade batch`, isolation included.

The default class is real work (--class real): mostly complete, correct submissions of the
kinds learners write, 16 in 20 (each exercise's correct_*.py files from tests/solutions in
rotation: vectorized, loop-based, fsum, ...), and 4 in 20 half-done (the first half of the course
correct, the stubs after it). --class synthetic is the older rotation, mostly cheap submissions:

- perfect   a correct solution for every exercise that has one (the stub otherwise);
- half      correct for every other exercise, the stub elsewhere;
- partial   a known mistake where the catalog has one (partial credit), correct elsewhere;
- empty     an empty folder (nothing attempted);
- syntax    every file a syntax error;
- missing   correct files for the first third of the exercises only;
- hostile   an infinite loop in one exercise, os._exit in one, a fork and a print flood in
            others, correct elsewhere (only with --hostile N: the loop costs its time limit).

Usage: python bench/bench_batch.py [--submissions 500] [--jobs 2] [--hostile 0] [--profile] [--class real]
                                  [--scheduler ADDRESS|local]
Prints gradings per second and where the time goes; with --scheduler, the same class is graded
on Dask too (`local`: a LocalCluster of --jobs processes) and its rate printed beside the local
pool's, with a check that both gradebooks are identical.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "tests" / "solutions"
KINDS = ("perfect", "half", "partial", "empty", "syntax", "missing")
HOSTILE = {
    "loop": "def {f}(*args, **kwargs):\n    while True:\n        pass\n",
    "exit": "import os\n\ndef {f}(*args, **kwargs):\n    os._exit(3)\n",
    "fork": "import os\n\ndef {f}(*args, **kwargs):\n    if os.fork() == 0:\n        while True:\n"
            "            pass\n    return 0\n",
    "flood": "def {f}(*args, **kwargs):\n    print('x' * 10_000_000)\n    return 0\n",
}


def solution(exercise_id: str, kind: str) -> Path | None:
    """The first catalog file of that kind (correct, mistake) for an exercise, if any."""
    files = sorted((SOLUTIONS / exercise_id).glob(f"{kind}_*.py"))
    return files[0] if files else None


def write(dest: Path, text: str) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text, encoding="utf-8")


def submission_files(kind: str, exercises: list, root: Path, index: int) -> dict[Path, str]:
    """Relative path (as in the exercises folder) -> source, for one synthetic submission."""
    files: dict[Path, str] = {}
    for i, ex in enumerate(exercises):
        rel = ex.stub.relative_to(root)
        correct = solution(ex.id, "correct")
        stub = ex.stub.read_text(encoding="utf-8")
        good = correct.read_text(encoding="utf-8") if correct else stub
        if kind == "perfect":
            files[rel] = good
        elif kind == "half":
            files[rel] = good if i % 2 == 0 else stub
        elif kind == "partial":
            mistake = solution(ex.id, "mistake")
            files[rel] = mistake.read_text(encoding="utf-8") if mistake else good
        elif kind == "syntax":
            files[rel] = f"def {ex.function}(:\n    return 1\n"
        elif kind == "missing":
            if i < len(exercises) // 3:
                files[rel] = good
        elif kind == "hostile":
            trick = list(HOSTILE)[i % len(HOSTILE)] if i < len(HOSTILE) else None
            files[rel] = HOSTILE[trick].format(f=ex.function) if trick else good
    return files


def real_files(kind: str, exercises: list, root: Path, index: int) -> dict[Path, str]:
    """A learner's real work: complete (correct files in rotation) or half-done (stubs after the middle)."""
    files: dict[Path, str] = {}
    for i, ex in enumerate(exercises):
        rel = ex.stub.relative_to(root)
        correct = sorted((SOLUTIONS / ex.id).glob("correct_*.py"))
        if kind == "halfdone" and i >= len(exercises) // 2 or not correct:
            files[rel] = ex.stub.read_text(encoding="utf-8")
        else:
            files[rel] = correct[(index + i) % len(correct)].read_text(encoding="utf-8")
    return files


def make_class(dest: Path, exercises: list, root: Path, count: int, hostile: int = 0,
               real: bool = True) -> dict[str, str]:
    """Write count submissions (kinds in rotation) plus `hostile` hostile ones; return name -> kind."""
    kinds: dict[str, str] = {}
    for n in range(count):
        kind = ("halfdone" if n % 5 == 4 else "complete") if real else KINDS[n % len(KINDS)]
        kinds[f"s{n:04d}-{kind}"] = kind
    for n in range(hostile):
        kinds[f"h{n:04d}-hostile"] = "hostile"
    for index, (name, kind) in enumerate(kinds.items()):
        folder = dest / name
        folder.mkdir(parents=True, exist_ok=True)
        made = real_files if kind in ("complete", "halfdone") else submission_files
        for rel, text in made(kind, exercises, root, index).items():
            write(folder / rel, text)
    return kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--submissions", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--hostile", type=int, default=0, help="add N hostile submissions")
    parser.add_argument("--profile", action="store_true", help="profile one worker's grading in-process")
    parser.add_argument("--scheduler", help="also grade on this Dask scheduler (or `local`) and compare")
    parser.add_argument("--class", dest="klass", choices=("real", "synthetic"), default="real")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from grader.catalog import load_catalog

    root = ROOT / "exercises"
    cat = load_catalog(root)
    exercises = cat.ordered()
    work = Path(tempfile.mkdtemp(prefix="grade-bench-"))
    try:
        kinds = make_class(work / "class", exercises, root, args.submissions, args.hostile, args.klass == "real")
        gradings = len(kinds) * len(exercises)
        print(f"{len(kinds)} submissions x {len(exercises)} exercises = {gradings} gradings, jobs {args.jobs}, "
              f"{os.cpu_count()} CPUs")
        if args.profile:
            profile(work / "class", root, exercises)
            return
        rates = {"local pool": run(work, root, args.jobs, gradings, None)}
        if args.scheduler:
            rates[f"dask {args.scheduler}"] = run(work, root, args.jobs, gradings, args.scheduler)
            same = (work / "g-local.csv").read_text() == (work / f"g-{args.scheduler.replace('/', '_')}.csv").read_text()
            print("gradebooks identical" if same else "GRADEBOOKS DIFFER")
            for name, rate in rates.items():
                print(f"  {name:>28}: {rate:6.1f} gradings/s ({rate / args.jobs:.1f} per worker)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, root: Path, jobs: int, gradings: int, scheduler: str | None) -> float:
    """Grade the class once (locally, or on a Dask scheduler); print and return gradings per second."""
    out = work / f"g-{(scheduler or 'local').replace('/', '_')}.csv"
    cmd = [sys.executable, "-m", "grader.cli", "batch", str(work / "class"), "--output", str(out),
           "--jobs", str(jobs), "--no-progress", "--exercises", str(root)]
    cmd += ["--scheduler", scheduler] if scheduler else []
    start = time.perf_counter()
    cpu0 = os.times()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    cpu1 = os.times()
    children = (cpu1.children_user - cpu0.children_user) + (cpu1.children_system - cpu0.children_system)
    print(proc.stdout.strip())
    if proc.returncode not in (0, 1):  # 1: some learner did not pass; anything else: the batch did not run
        print(proc.stderr.strip()[-2000:])
        raise SystemExit(f"grade batch failed (exit {proc.returncode}): no rate to give")
    print(f"wall {seconds:.1f} s: {gradings / seconds:.0f} gradings/s; CPU {children:.1f} s "
          f"({children / gradings * 1000:.1f} ms per grading); projected 500 x 40: "
          f"{500 * 40 / (gradings / seconds):.0f} s")
    return gradings / seconds


def profile(folder: Path, root: Path, exercises: list) -> None:
    """Profile one in-process SubmissionGrader over the first 60 submissions."""
    from grader.batch import SubmissionGrader, find_submissions

    subs = find_submissions(folder)[:60]
    grader = SubmissionGrader(root, exercises, 0, None, None)
    try:
        list(grader.grade(subs[0].path))  # warm the cache of expected answers
        prof = cProfile.Profile()
        start = time.perf_counter()
        prof.enable()
        for sub in subs:
            list(grader.grade(sub.path))
        prof.disable()
        seconds = time.perf_counter() - start
    finally:
        grader.close()
    n = len(subs) * len(exercises)
    print(f"one worker, profiled: {n / seconds:.0f} gradings/s ({seconds / n * 1000:.1f} ms each, wall)")
    pstats.Stats(prof).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
