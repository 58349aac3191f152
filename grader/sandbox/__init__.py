"""Running learner code in an isolated process.

The grader's side is `client.py`. The worker (`worker.py`, started as a fresh interpreter with
`python -I`) loads the other modules as the private package `_grade_sandbox`: `server.py` and
`watch.py` (the fork server), `phases.py` (the order of a learner's reports, shared with the portable
runner), `child_setup.py` (setting up and confining a learner's process; Linux),
`learner_process.py` (inside it; platform-neutral), `source_analysis.py`, `limits.py`, and the shared
`wire.py`, `callables.py`, `scan.py` and `confine.py` (the kernel-level limits: rlimits, ids,
Landlock, seccomp). They import only the standard library, numpy and each other (relatively): the
worker never loads the grader package, the references or the grader's environment.
"""
