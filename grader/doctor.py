"""What protects a grading here: the runner in use and each defence (active or not, and why), the Python,
numpy and BLAS in use; and the warning classroom commands give when the defences that keep a secret are
missing. Facts only: `grade doctor` (grader/commands/doctor.py) renders them."""

from __future__ import annotations

import os
import platform
import sys
from dataclasses import dataclass
from typing import Any

from grader.sandbox import runner


@dataclass(frozen=True)
class Defence:
    """One defence of a grading: whether it holds here, and why (or why not)."""

    name: str
    active: bool
    why: str
    keeps_secret: bool = False  # one of those that keep a secret seed from learner code


def runner_features() -> dict[str, Any]:
    """What the runner in use says holds (the Linux worker's greeting; the portable runner's own list)."""
    from grader.sandbox.client import Sandbox

    with Sandbox() as box:
        return dict(box.hello())


def defences(features: dict[str, Any]) -> list[Defence]:
    """Each defence of the runner in use, given what it reported."""
    if runner.portable():
        return _portable_defences(features)
    return _linux_defences(features)


def _linux_defences(f: dict[str, Any]) -> list[Defence]:
    from grader.sandbox import confine

    root = hasattr(os, "geteuid") and os.geteuid() == 0
    abi = int(f.get("landlock") or 0)
    ids = f.get("ids")
    ids_why = {"own": "each learner's process runs as a uid of its own (root, with a block of ids mapped)",
               "nobody": "learner processes run as nobody (root, without a block of ids mapped)",
               "same": "not root: learner processes run as your user"}.get(str(ids), f"ids: {ids}")
    return [
        Defence("uid switch", ids in ("own", "nobody"), ids_why, keeps_secret=True),
        Defence("Landlock", abi >= 1, f"ABI {abi}: reads limited to the Python installation and the learner's folder"
                + (", no TCP" if abi >= 4 else "") + (", no signals outside" if abi >= 6 else "")
                if abi else "the kernel has no Landlock (Linux >= 5.13) or GRADE_SANDBOX_LANDLOCK=0", keeps_secret=True),
        Defence("seccomp", bool(f.get("seccomp")), f"no ptrace, no other process's memory, no sockets ({platform.machine()})"
                if f.get("seccomp") else f"no filter for this machine ({platform.machine()})", keeps_secret=True),
        Defence("mount namespace", f.get("scratch") == "tmpfs", "the learner's folder is a 64 MiB tmpfs of its own"
                if f.get("scratch") == "tmpfs" else "needs root that may mount: the learner's folder is a plain folder"),
        Defence("rlimits", True, "memory (RLIMIT_AS), CPU, file size, open files"
                + (", processes (RLIMIT_NPROC)" if f.get("tasks") is not None else "")),
        Defence("non-dumpable grader", confine.libc() is not None,
                "the grader's and the worker's memory and environment are unreadable to learner code (prctl)",
                keeps_secret=True),
        Defence("process tree", True, "the worker is a child subreaper: every learner process is killed"),
        Defence("control groups", bool(f.get("cgroup")),
                f"{f.get('cgroup')}: every kind of memory counted per learner, processes bounded, all killed at the end"
                if f.get("cgroup") else f"not available ({f.get('cgroup_why') or 'the worker did not say'}): rlimits "
                "and the subreaper bound each learner's process"),
        Defence("import blocker, audit hook, tripwires", True, "the grader's packages cannot be imported; banned "
                "calls are refused and named; where calls are banned, reflection is refused (docs/sandbox.md)"),
        Defence("run as root", root, "root: ids can be switched and folders mounted" if root else
                "not root: no uid switch or mount namespace"),
    ]


def _portable_defences(f: dict[str, Any]) -> list[Defence]:
    why = runner.why_portable() or ""
    rlimit = bool(f.get("rlimit_as"))
    psutil = bool(f.get("psutil"))
    job = bool(f.get("job_object"))
    off = f"not on the portable runner ({why})"
    return [
        Defence("uid switch", False, off + ": learner code runs as your user", keeps_secret=True),
        Defence("Landlock", False, off, keeps_secret=True),
        Defence("seccomp", False, off, keeps_secret=True),
        Defence("mount namespace", False, off),
        Defence("non-dumpable grader", False, off, keeps_secret=True),
        Defence("time limits", True, "enforced by the grader, which kills the learner's whole process tree"
                + ("" if psutil else " (without psutil: its process group only)")),
        Defence("memory limit", rlimit or job or psutil, "RLIMIT_AS" if rlimit else
                "a Windows Job Object bounds the memory the learner's processes commit" if job else
                "the grader watches the resident size of the learner's processes" if psutil else
                "neither RLIMIT_AS nor psutil to watch the resident size"),
        Defence("process tree", psutil, "psutil kills the learner's process tree and every process that still "
                "carries its tag (a double fork, a new session); a grader killed outright takes the learner's "
                "process with it (" + ("its Job Object" if job else "a death signal" if sys.platform.startswith(
                    "linux") else "or its CPU limit stops it") + ")" if psutil else
                "psutil is not installed: processes that leave the group may survive"),
        Defence("control groups", False, off),
        Defence("import blocker, audit hook, tripwires", True, "the grader's packages cannot be imported; banned "
                "calls are refused and named; where calls are banned, reflection is refused (docs/sandbox.md)"),
    ]


def environment() -> list[tuple[str, str]]:
    """The Python, numpy and BLAS in use."""
    import numpy as np

    rows = [("python", f"{platform.python_version()} ({platform.python_implementation()}) {sys.executable}"),
            ("platform", f"{platform.system()} {platform.release()} {platform.machine()}"),
            ("numpy", f"{np.__version__} {os.path.dirname(np.__file__)}")]
    rows.extend(("blas", text) for text in blas())
    return rows


def blas() -> list[str]:
    """The BLAS libraries in use: threadpoolctl's view if installed, else numpy's build configuration."""
    try:
        from threadpoolctl import threadpool_info

        found = [f"{i.get('internal_api')} {i.get('version')} ({i.get('architecture', '?')}, "
                 f"{i.get('num_threads')} threads) {i.get('filepath')}" for i in threadpool_info()
                 if i.get("user_api") == "blas"]
        if found:
            return found
    except ImportError:
        pass
    import io
    from contextlib import redirect_stdout

    import numpy as np

    try:
        with redirect_stdout(io.StringIO()):
            config = np.show_config(mode="dicts")
        deps = config.get("Build Dependencies", {})
        out = []
        for key in ("blas", "lapack"):
            dep = deps.get(key) or {}
            extra = dep.get("openblas configuration", "")
            out.append(f"{key}: {dep.get('name', '?')} {dep.get('version', '?')}" + (f" [{extra}]" if extra else "")
                       + " (numpy's build configuration; install threadpoolctl for the library loaded)")
        return out
    except (TypeError, AttributeError, ValueError):  # numpy < 1.25: no dicts mode
        return ["unknown (numpy's configuration is not readable; install threadpoolctl)"]


def quick_features() -> dict[str, Any]:
    """What the runner in use would report, worked out without starting it (the secret-keeping part)."""
    if runner.portable():
        return {"rlimit_as": False, "psutil": False}
    from grader.sandbox import confine

    root = os.geteuid() == 0
    drop = root and os.environ.get("GRADE_SANDBOX_DROP", "1") != "0"
    landlock = confine.landlock_abi() if os.environ.get("GRADE_SANDBOX_LANDLOCK", "1") != "0" else 0
    return {"ids": ("own" if confine.id_base() is not None else "nobody") if drop else "same",
            "landlock": landlock, "seccomp": platform.machine() in confine.SECCOMP_ARCHES}


def missing_secret_defences(features: dict[str, Any] | None = None) -> list[Defence]:
    """The defences that keep a secret from learner code, missing here."""
    if features is None:
        features = quick_features()
    return [d for d in defences(features) if d.keeps_secret and not d.active]


def classroom_warning(what: str, features: dict[str, Any] | None = None) -> str | None:
    """The warning for a classroom command (`what`) where the defences that keep a secret are missing."""
    missing = missing_secret_defences(features)
    if not missing:
        return None
    names = ", ".join(d.name for d in missing)
    return (f"warning: {what} on a machine where learner code is not kept from secrets (missing: {names}); "
            "learners' code could read the secret seed or other learners' files. Grade on Linux, as root "
            "for the uid switch (a container will do); `grade doctor` says more.")


def warn_classroom(what: str, features: dict[str, Any] | None = None) -> None:
    """Print the classroom warning on stderr when the defences that keep a secret are missing."""
    message = classroom_warning(what, features)
    if message is not None:
        import click

        click.echo(message, err=True)
