"""Running learner code in an isolated process.

`worker.py`, `wire.py`, `callables.py`, `scan.py` and `confine.py` (the kernel-level limits:
rlimits, ids, Landlock, seccomp) import only the standard library and
numpy: the worker runs them as plain scripts in a fresh interpreter that never loads the
grader package, the references or the grader's environment.
"""
