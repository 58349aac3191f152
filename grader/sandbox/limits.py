"""The sandbox worker's limits and package lists, shared by its modules."""

from __future__ import annotations

import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RESULT_LIMIT = 256 << 20  # bytes of results the learner's processes may send for one exercise
SOURCE_LIMIT = 4 << 20  # bytes of a learner's file
SETUP_SECONDS = 30.0  # for the grader's own part of a child's start (never the learner's time)
FILE_LIMIT = 64 << 20  # RLIMIT_FSIZE: bytes per file the learner writes
SCRATCH_BYTES, SCRATCH_FILES = 64 << 20, 1024  # the learner's whole working folder, when root can mount it
OPEN_FILES = 1024  # RLIMIT_NOFILE
TASKS = 128  # RLIMIT_NPROC: processes and threads of a learner (above the user's others when not root)
LIBRARY_DIRS = tuple({os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, os.path.dirname(os.__file__),
                                                    os.path.dirname(os.path.dirname(np.__file__)), HERE)})
SANDBOX_PACKAGE = "_grade_sandbox"  # this folder, as the worker loads it (worker.py, portable_child.py)
BLOCKED_PACKAGES = ("grader", "reference", SANDBOX_PACKAGE)
TRUSTED_PACKAGES = ("numpy", "scipy")  # the grader's own dependencies: imported once in the server
# numpy's submodules that numpy.__getattr__ loads on first use and numpy's own functions reach while learner code
# runs (np.median, np.unique, np.percentile, np.quantile load numpy.ma): imported by the server at start, since a
# learner's process, once it runs under its own uid, may not be able to read the installation. The others
# (np.fft, np.polynomial, np.random ...) are reached by name in the learner's file, which the server reads for them
NUMPY_LAZY = ("numpy.ma",)
NEVER_PREIMPORT = frozenset({"antigravity", "this", "idlelib", "tkinter", "turtle", "turtledemo", "webbrowser",
                             *BLOCKED_PACKAGES})
PREIMPORT_MAX = 64
GROUP_MARGIN = 64 << 20  # a control group's memory limit above RLIMIT_AS's hard one (see server.new_group)
MEMORY_SLACK = 128 << 20  # hard RLIMIT_AS above the first exercise's soft one: room for a reused process's next
CPU_SLACK = 60  # seconds of hard RLIMIT_CPU above the first exercise's: room for the next exercises
IDLE_SECONDS = 2.0  # for a learner's process to tidy up after an exercise, or to take the next one
