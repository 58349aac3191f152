"""`grade batch`: a synthetic class (perfect, empty, half-done, hostile, syntax errors, missing
files, partial credit, other layouts) graded into the right gradebook, reproducibly, in parallel,
and a worker killed mid-batch does not stop the rest."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, SOLUTIONS, run_grade

COURSE = Path(__file__).resolve().parent / "scenarios_classroom" / "course" / "exercises"
IDS = ("vector_arithmetic", "determinant", "eig_symmetric")
REL = {"vector_arithmetic": "vectors/vector_arithmetic.py", "determinant": "determinant/determinant.py",
       "eig_symmetric": "eigen/eig_symmetric.py"}
CORRECT = {"vector_arithmetic": "correct_vectorized.py", "determinant": "correct_gauss.py",
           "eig_symmetric": "correct_eigh.py"}
LOOP = "def {f}(*args):\n    while True:\n        pass\n"
EXIT = "import os\n\n\ndef {f}(*args):\n    os._exit(3)\n"
SYNTAX = "def {f}(:\n    return 1\n"


def correct(ex: str) -> str:
    return (SOLUTIONS / ex / CORRECT[ex]).read_text()


def stub(ex: str) -> str:
    return (COURSE / REL[ex]).read_text()


def put(folder: Path, rel: str, text: str) -> None:
    (folder / rel).parent.mkdir(parents=True, exist_ok=True)
    (folder / rel).write_text(text)


# name -> {exercise: source or None (missing)}; the expected total is computed beside it
CLASS: dict[str, dict[str, str | None]] = {
    "perfect": {ex: correct(ex) for ex in IDS},
    "empty": {},
    "half": {"vector_arithmetic": correct("vector_arithmetic"), "determinant": stub("determinant"),
             "eig_symmetric": stub("eig_symmetric")},
    "hostile": {"vector_arithmetic": LOOP.format(f="vector_arithmetic"), "determinant": EXIT.format(f="determinant"),
                "eig_symmetric": correct("eig_symmetric")},
    "syntax": {ex: SYNTAX.format(f=ex) for ex in IDS},
    "missing": {"determinant": correct("determinant")},
    "partial": {"determinant": (SOLUTIONS / "determinant" / "mistake_sign_flipped.py").read_text(),
                "vector_arithmetic": correct("vector_arithmetic")},
}
EXPECTED = {"perfect": 3.0, "empty": 0.0, "half": 1.0, "hostile": 1.0, "syntax": 0.0, "missing": 1.0}


def make_class(dest: Path) -> Path:
    for name, files in CLASS.items():
        (dest / name).mkdir(parents=True, exist_ok=True)
        for ex, text in files.items():
            if text is not None:
                put(dest / name, REL[ex], text)
    put(dest / "clone-layout", "exercises/" + REL["vector_arithmetic"], correct("vector_arithmetic"))
    put(dest / "flat-layout", "eig_symmetric.py", correct("eig_symmetric"))
    (dest / ".hidden-folder").mkdir()
    return dest


def read_csv(path: Path) -> dict[str, dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(path.read_text())))
    return {row["submission"]: row for row in rows}


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, str]], dict]:
    work = tmp_path_factory.mktemp("batch")
    klass = make_class(work / "class")
    proc = run_grade("batch", str(klass), "--exercises", str(COURSE), "--output", str(work / "g.csv"),
                     "--json", str(work / "g.json"), "--jobs", "2", timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return work, read_csv(work / "g.csv"), json.loads((work / "g.json").read_text())


def test_gradebook_has_a_row_per_submission_a_column_per_exercise_and_a_total(graded: tuple) -> None:
    work, rows, _ = graded
    header = (work / "g.csv").read_text().splitlines()[0].split(",")
    assert header == ["submission", *IDS, "total"]
    assert sorted(rows) == sorted([*CLASS, "clone-layout", "flat-layout"])  # hidden folders are skipped


def test_totals_of_the_synthetic_class(graded: tuple) -> None:
    _, rows, _ = graded
    for name, total in EXPECTED.items():
        assert float(rows[name]["total"]) == total, (name, rows[name])
        assert sum(float(rows[name][ex]) for ex in IDS) == pytest.approx(float(rows[name]["total"]), abs=1e-3)
    assert rows["clone-layout"]["vector_arithmetic"] == "1" and rows["clone-layout"]["total"] == "1"
    assert rows["flat-layout"]["eig_symmetric"] == "1" and rows["flat-layout"]["total"] == "1"
    assert rows["hostile"]["eig_symmetric"] == "1"  # the loop and os._exit cost only their own exercises


def test_partial_credit_matches_grading_the_file_alone(graded: tuple, grader: object) -> None:
    from grader.catalog import load_catalog

    _, rows, _ = graded
    ex = load_catalog(COURSE).get("determinant")
    alone = grader.grade(ex, SOLUTIONS / "determinant" / "mistake_sign_flipped.py", 0)  # batch's default seed
    passed = sum(c.passed for c in alone.cases)
    assert 0 < passed < len(alone.cases)
    assert float(rows["partial"]["determinant"]) == pytest.approx(passed / len(alone.cases), abs=1e-4)
    assert float(rows["partial"]["total"]) == pytest.approx(1 + passed / len(alone.cases), abs=1e-4)


def test_json_gradebook_carries_per_case_details(graded: tuple) -> None:
    _, _, book = graded
    assert book["seed"] == 0 and book["max_total"] == 3
    subs = {s["submission"]: s for s in book["submissions"]}
    statuses = {s: {e["exercise"]: e["status"] for e in subs[s]["exercises"]} for s in subs}
    assert statuses["perfect"] == dict.fromkeys(IDS, "passed")
    assert statuses["empty"] == dict.fromkeys(IDS, "not_implemented")
    assert statuses["hostile"] == {"vector_arithmetic": "timeout", "determinant": "error", "eig_symmetric": "passed"}
    assert set(statuses["syntax"].values()) == {"error"}
    assert statuses["half"]["determinant"] == "not_implemented"
    hostile = {e["exercise"]: e for e in subs["hostile"]["exercises"]}
    assert "os._exit" in hostile["determinant"]["cases"][0]["message"]
    syntax = subs["syntax"]["exercises"][0]
    assert "syntax error" in syntax["message"] and syntax["file"] == REL["vector_arithmetic"]
    partial = {e["exercise"]: e for e in subs["partial"]["exercises"]}["determinant"]
    failing = [c for c in partial["cases"] if not c["passed"]]
    shown = [c for c in failing if not c.get("hidden")]
    from grader.judging import DETAILED_FAILURES

    detailed = shown[:DETAILED_FAILURES]  # the first failures carry the case in full; all carry the message
    assert detailed and all("expected" in c and "actual" in c and "inputs" in c for c in detailed)
    assert all(c["message"] for c in shown)
    assert any(c.get("mistake_id") == "sign_flipped" for c in failing)
    for case in (c for c in partial["cases"] if c.get("hidden")):  # hidden cases stay hidden in the gradebook
        assert not {"inputs", "expected", "actual", "output", "traceback", "mismatch"} & set(case)
    missing = subs["missing"]["exercises"][0]
    assert missing["message"].startswith("not attempted") and str(ROOT) not in missing["message"]


def test_a_rerun_reproduces_the_same_gradebook(graded: tuple) -> None:
    work, _, _ = graded
    klass = work / "class"
    proc = run_grade("batch", str(klass), "--exercises", str(COURSE), "--output", str(work / "again.csv"),
                     "--json", str(work / "again.json"), "--jobs", "1", timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert (work / "again.csv").read_text() == (work / "g.csv").read_text()
    assert (work / "again.json").read_text() == (work / "g.json").read_text()


def test_json_output_name_gives_the_json_gradebook(tmp_path: Path) -> None:
    klass = tmp_path / "class"
    put(klass / "alice", REL["vector_arithmetic"], correct("vector_arithmetic"))
    put(klass / "=HYPERLINK(0)", REL["vector_arithmetic"], correct("vector_arithmetic"))
    proc = run_grade("batch", str(klass), "--exercises", str(COURSE), "-o", str(tmp_path / "g.json"))
    assert proc.returncode == 0, proc.stderr
    book = json.loads((tmp_path / "g.json").read_text())
    assert [s["total"] for s in book["submissions"]] == [1.0, 1.0]
    proc = run_grade("batch", str(klass), "--exercises", str(COURSE), "-o", str(tmp_path / "g.csv"), "--progress")
    assert "6/6" in proc.stderr and "grading" in proc.stderr  # the progress bar (forced on: not a terminal here)
    assert "'=HYPERLINK(0)" in (tmp_path / "g.csv").read_text()  # a spreadsheet will not run it as a formula


def test_bad_folder_is_a_grader_error_and_an_empty_one_an_empty_gradebook(tmp_path: Path) -> None:
    proc = run_grade("batch", str(tmp_path / "nope"), "--exercises", str(COURSE), "-o", str(tmp_path / "g.csv"))
    assert proc.returncode == 2 and "does not exist" in proc.stderr and "Traceback" not in proc.stderr
    (tmp_path / "none").mkdir()
    proc = run_grade("batch", str(tmp_path / "none"), "--exercises", str(COURSE), "-o", str(tmp_path / "g.csv"))
    assert proc.returncode == 0 and "no submission folders" in proc.stderr
    assert (tmp_path / "g.csv").read_text() == "submission,vector_arithmetic,determinant,eig_symmetric,total\n"


def _batch_workers() -> list[int]:
    """Batch worker processes of this process (spawned children of ours)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid() and b"spawn_main" in cmdline:
                found.append(int(entry))
    return sorted(found)


def test_a_worker_killed_mid_batch_does_not_stop_the_rest(tmp_path: Path) -> None:
    from grader.batch import find_submissions, grade_batch
    from grader.catalog import load_catalog

    klass = tmp_path / "class"
    slow = {**CLASS["perfect"], "vector_arithmetic": LOOP.format(f="vector_arithmetic")}  # ~3 s each
    for n in range(6):
        for ex, text in slow.items():
            put(klass / f"s{n}", REL[ex], text)
    exercises = load_catalog(COURSE).ordered()
    killed: list[int] = []

    def kill_one() -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not killed:
            workers = _batch_workers()
            if len(workers) >= 2:
                time.sleep(1.0)
                os.kill(workers[0], signal.SIGKILL)
                killed.append(workers[0])
            time.sleep(0.05)

    killer = threading.Thread(target=kill_one)
    killer.start()
    book = grade_batch(find_submissions(klass), COURSE, exercises, 0, None, 2, None, False)
    killer.join()
    assert killed, "no worker was found to kill"
    assert [sub.name for sub, _ in book.rows] == [f"s{n}" for n in range(6)]
    stopped = [r for _, results in book.rows for r in results if "grading process ended" in r.message]
    assert stopped, "the killed worker's submission should say so"
    assert len({id(r) for r in stopped}) == len(stopped) and len(stopped) <= 3  # one submission, at most all
    for sub, results in book.rows:
        assert len(results) == 3
        if not any(r in stopped for r in results):
            assert [r.status.value for r in results] == ["timeout", "passed", "passed"], sub.name
            assert sum(r.score for r in results) == 2.0, sub.name


def test_batch_with_a_secret_seed(graded: tuple) -> None:
    work, rows, _ = graded
    proc = run_grade("batch", str(work / "class"), "--exercises", str(COURSE), "--output", str(work / "s.json"),
                     "--jobs", "2", env={"GRADE_SECRET_SEED": "batch-secret-91"}, timeout=300)
    assert proc.returncode == 0, proc.stderr
    text = (work / "s.json").read_text()
    assert "batch-secret-91" not in text + proc.stdout + proc.stderr
    book = {s["submission"]: s for s in json.loads(text)["submissions"]}
    assert book["perfect"]["total"] == 3.0 and book["empty"]["total"] == 0.0
    assert book["hostile"]["total"] == 1.0


def test_a_link_to_another_learners_file_is_refused(tmp_path: Path) -> None:
    from grader.catalog import load_catalog
    from grader.submission import learner_file

    ex = load_catalog(COURSE).get("vector_arithmetic")
    klass = tmp_path / "class"
    honest = learner_file(ex, COURSE, None, str(klass / "honest"))
    honest.parent.mkdir(parents=True)
    honest.write_text("def vector_arithmetic(a, b):\n    return a + b, a - b, a * b, a / b\n")
    copier = learner_file(ex, COURSE, None, str(klass / "copier"))
    copier.parent.mkdir(parents=True)
    copier.symlink_to(honest)
    out = tmp_path / "book.json"
    proc = run_grade("batch", str(klass), "--exercises", str(COURSE), "--output", str(out), "--jobs", "1")
    assert "Traceback" not in proc.stderr
    book = json.loads(out.read_text())
    rows = {s["submission"]: {e["exercise"]: e for e in s["exercises"]} for s in book["submissions"]}
    assert rows["honest"]["vector_arithmetic"]["status"] == "passed"
    assert rows["copier"]["vector_arithmetic"]["status"] == "error"
    assert "outside the submission" in rows["copier"]["vector_arithmetic"]["message"]


def test_output_through_links_and_devices_and_a_submission_with_a_link_loop(tmp_path: Path) -> None:
    """--output names a link: the file it names is written and the link stays; names a device (as root): the
    device is written through, never replaced by a regular file, and the journal goes to the temporary folder.
    A submission whose file is a link to itself is graded like a missing file, and the others are graded."""
    subs = tmp_path / "subs"
    put(subs / "good", REL["vector_arithmetic"], correct("vector_arithmetic"))
    loop = subs / "looped" / REL["vector_arithmetic"]
    loop.parent.mkdir(parents=True)
    loop.symlink_to(loop.name)
    (tmp_path / "link.csv").symlink_to("real.csv")
    proc = run_grade("batch", str(subs), "--output", str(tmp_path / "link.csv"), "--exercises", str(COURSE))
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert (tmp_path / "link.csv").is_symlink()
    rows = {r["submission"]: r for r in csv.DictReader(io.StringIO((tmp_path / "real.csv").read_text()))}
    assert float(rows["good"]["vector_arithmetic"]) == 1.0 and float(rows["looped"]["vector_arithmetic"]) == 0.0
    if os.geteuid() == 0:
        device = tmp_path / "null"
        os.mknod(device, 0o666 | 0o020000, os.makedev(1, 3))  # a character device: /dev/null's numbers
        proc = run_grade("batch", str(subs), "--output", str(device), "--exercises", str(COURSE))
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
        assert device.is_char_device() and not (tmp_path / "null.journal").exists()
