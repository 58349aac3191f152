"""Tries to change the course: the exercise's YAML (to accept anything), its stub, the grader's source,
the references, another learner's files, the grader's state; to plant new files and canaries.
Every attempt that succeeds is printed as WROTE. Returns a wrong answer."""

import os

COURSE = "@COURSE@"
SUBMISSIONS = "@SUBMISSIONS@"
CANARY = "@CANARY@"
MARKER = "@MARKER@"
TARGETS = [
    f"{COURSE}/exercises/vectors/vector_arithmetic.yaml",
    f"{COURSE}/exercises/vectors/vector_arithmetic.py",
    f"{COURSE}/exercises/determinant/determinant.yaml",
    f"{COURSE}/grader/grading.py",
    f"{COURSE}/grader/sandbox/worker.py",
    f"{COURSE}/reference/vectors.py",
    f"{COURSE}/reference/determinant.py",
    f"{SUBMISSIONS}/good/vectors/vector_arithmetic.py",
    f"{SUBMISSIONS}/good/determinant/determinant.py",
]
NEW_FILES = [
    f"{COURSE}/exercises/vectors/planted.yaml",
    f"{COURSE}/.grade/state.json",
    f"{COURSE}/grader/sitecustomize.py",
    f"{SUBMISSIONS}/good/planted.py",
    f"{CANARY}/tamper-canary",
    f"/tmp/{MARKER}-canary",
    f"/dev/shm/{MARKER}-canary",
]
LENIENT = "check: {name: allclose, rtol: 1.0e+300, atol: 1.0e+300}\n"


def attempt(what, func, path):
    try:
        func(path)
        print("WROTE", what, path)
    except OSError as exc:
        print("refused", what, path, exc.strerror)


def append(path):
    with open(path, "a") as handle:
        handle.write("\n# tampered\n" + (LENIENT if path.endswith(".yaml") else ""))


def truncate(path):
    os.truncate(path, 0)


def create(path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as handle:
        handle.write("raise SystemExit('tampered')\n")


def vector_arithmetic(a, b):
    for path in TARGETS:
        attempt("append", append, path)
        attempt("truncate", truncate, path)
        attempt("chmod", lambda p: os.chmod(p, 0o777), path)
        attempt("utime", lambda p: os.utime(p, (0, 0)), path)
        attempt("rename", lambda p: os.rename(p, p + ".moved"), path)
        attempt("unlink", os.unlink, path)
    for path in NEW_FILES:
        attempt("create", create, path)
    attempt("symlink", lambda p: os.symlink("/etc/passwd", p), f"{COURSE}/exercises/vectors/link.yaml")
    attempt("mkdir", os.mkdir, f"{COURSE}/exercises/planted")
    attempt("worker home", create, os.path.join(os.path.dirname(os.getcwd()), "planted.py"))
    return a, b, a, b
