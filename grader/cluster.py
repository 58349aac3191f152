"""`grade batch --scheduler ADDRESS|local`: the submissions graded on a Dask cluster.

Each Dask worker gets a GradePlugin: it receives the course folder's files once, writes them
to a folder of its own, loads the exercises and starts its own isolated runner
(SubmissionGrader: one Sandbox, expected answers cached per exercise), and closes it when the
worker or the batch ends. A task is one whole submission: its files travel with the task
(workers need not share a file system), are written to a scratch folder, graded, and
removed. Paths in the results are mapped back to the submission's own folder, so the
gradebook is the one a local run writes.

Faults are Dask's: a worker that dies mid-task has its task run elsewhere (the result is
taken once, from the one future); a submission whose task kills workers more often than
the scheduler's `allowed-failures` (default 3) comes back as KilledWorker and is marked as
an error with that reason. The scheduler going away raises SchedulerLost.
"""

from __future__ import annotations

import logging
import socket
import shutil
import tempfile
import threading
import uuid
from pathlib import Path
from typing import Any, Callable

from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from grader.errors import GradeError
from grader.journal import result_from_dict, result_to_dict, walk_files
from grader.results import ExerciseResult

Files = list[tuple[str, str, bytes]]
Done = Callable[[int, list[ExerciseResult], list[str]], None]
Stopped = Callable[[int, str, list[str]], None]


class SchedulerLost(GradeError):
    """The Dask scheduler went away (or could not be reached) during a batch."""


def materialize(folder: Path, files: Files) -> None:
    """Write files (as walk_files gives them) under folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for rel, kind, data in files:
        path = folder / rel
        if ".." in Path(rel).parts or Path(rel).is_absolute():
            continue  # never written outside the folder
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "link":
            path.symlink_to(data.decode("utf-8", "surrogateescape"))
        elif kind == "link-outside":  # a file outside the folder here too, so it is refused as it was there
            outside = folder.parent / f".outside-{len(list(folder.parent.iterdir()))}"
            outside.write_bytes(b"")
            path.symlink_to(outside)
        elif kind == "file":
            path.write_bytes(data)


class GradePlugin(WorkerPlugin):
    """One batch's isolated runner on one Dask worker: set up with the worker, closed with it."""

    def __init__(self, course_name: str, course: Files, ids: list[str], seed: int, cases: int | None,
                 secret: str | None) -> None:
        self.course_name, self.course, self.ids = course_name, course, ids
        self.seed, self.cases, self.secret = seed, cases, secret
        self.grader: Any = None
        self.folder: Path | None = None
        self.lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in ("grader", "lock")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, grader=None, lock=threading.Lock())

    def setup(self, worker: Any) -> None:
        """Write the course, load its exercises and start this worker's runner."""
        from grader import catalog
        from grader.batch import SubmissionGrader

        if self.secret is not None:
            from grader.hidden import keep_secret

            keep_secret()
        self.folder = Path(tempfile.mkdtemp(prefix="grade-worker-")).resolve()
        root = self.folder / self.course_name
        materialize(root, self.course)
        cat = catalog.load_catalog(root)
        self.grader = SubmissionGrader(root, [cat.exercises[i] for i in self.ids], self.seed, self.cases,
                                       self.secret)

    def teardown(self, worker: Any) -> None:
        """Close the runner and remove the worker's folders."""
        if self.grader is not None:
            self.grader.close()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)

    def grade(self, name: str, files: Files) -> tuple[list[dict[str, Any]], list[str], str, str]:
        """Grade one submission's files; results as data, with the scratch and course folders used."""
        assert self.folder is not None and self.grader is not None
        scratch = self.folder / "submissions" / uuid.uuid4().hex
        folder = scratch / name
        with self.lock:  # one runner per worker: its tasks take turns
            try:
                materialize(folder, files)
                results = [result_to_dict(r) for _position, r in sorted(self.grader.grade(folder), key=lambda pr: pr[0])]
                problems, self.grader.problems = self.grader.problems, []
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
        return results, problems, str(folder), str(self.folder / self.course_name)


def grade_task(plugin_name: str, name: str, files: Files) -> tuple[list[dict[str, Any]], list[str], str, str]:
    """The Dask task: one whole submission, graded by this worker's plugin."""
    plugin: GradePlugin = get_worker().plugins[plugin_name]  # type: ignore[assignment]
    return plugin.grade(name, files)


def rewrite(data: Any, pairs: list[tuple[str, str]]) -> Any:
    """Every string in plain data with the worker's folders replaced by this machine's."""
    if isinstance(data, str):
        for old, new in pairs:
            data = data.replace(old, new)
        return data
    if isinstance(data, dict):
        return {k: rewrite(v, pairs) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return type(data)(rewrite(v, pairs) for v in data)
    return data


def course_files(root: Path) -> Files:
    """The course folder's files (definitions, stubs, helpers) as they travel to the workers."""
    return [f for f in walk_files(root) if "__pycache__" not in f[0]]


def quiet_dask() -> None:
    """Silence Dask's loggers, the ones it configured with levels of their own included: our own messages
    say what went wrong, and Dask's would print tracebacks (a lost scheduler) to the learner's terminal."""
    names = [name for name in logging.root.manager.loggerDict if name.split(".")[0] == "distributed"]
    for name in {"distributed", "distributed.client", *names}:
        logging.getLogger(name).setLevel(logging.CRITICAL)


def grade_on_cluster(address: str, jobs: int, subs: list[Any], todo: list[int], root: Path, ids: list[str],
                     seed: int, cases: int | None, secret: str | None, done: Done, stopped: Stopped,
                     bar: Any) -> None:
    """Grade subs[i] for i in todo on the cluster; done(i, results, problems) as each one finishes,
    stopped(i, why, problems) for one the cluster could not grade."""
    quiet_dask()
    cluster = None
    refused = unreachable(address)
    if refused:
        raise SchedulerLost(f"cannot reach the Dask scheduler at {address}: {refused}")
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster or address)  # waits distributed.comm.timeouts.connect to (re)connect
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise SchedulerLost(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    plugin_name = f"grade-batch-{uuid.uuid4().hex[:12]}"
    try:
        try:
            client.register_plugin(GradePlugin(root.name, course_files(root), ids, seed, cases, secret),
                                   name=plugin_name)
        except (OSError, TimeoutError):
            raise
        except Exception as exc:  # noqa: BLE001 - a worker's own failure, raised back by Dask as is
            raise GradeError(f"the Dask workers could not set up the grader ({type(exc).__name__}: {exc}); "
                             "every worker needs grade installed, the same version as here") from None
        window = max(8, 4 * max(1, sum(client.nthreads().values())))
        queue = list(todo)
        running: dict[Any, int] = {}

        def submit() -> Any:
            index = queue.pop(0)
            future = client.submit(grade_task, plugin_name, subs[index].name, walk_files_list(subs[index].path),
                                   key=f"{plugin_name}-{index}", pure=False)
            running[future] = index
            return future

        pending = as_completed([submit() for _ in range(min(window, len(queue)))])
        for future in pending:
            index = running.pop(future)
            if queue:
                pending.add(submit())
            if future.status == "finished":
                results, problems, folder, course = future.result()
                pairs = [(folder, str(subs[index].path)), (course, str(root))]
                done(index, [result_from_dict(rewrite(r, pairs)) for r in results], problems)
            elif future.status == "error":
                failure = future.exception()
                if type(failure).__name__ == "KilledWorker":
                    stopped(index, "the Dask workers grading it kept dying (tried on several workers)", [])
                else:  # the grader's own fault on a worker: marked, and told as a problem (exit 2)
                    what = f"{type(failure).__name__}: {failure}"
                    stopped(index, f"the cluster could not grade it ({what})",
                            [f"internal error of the grader on {subs[index].name}: {what}"])
            else:
                raise SchedulerLost(f"the Dask scheduler at {address} went away ({future.status} task)")
            bar.update(len(ids))
            future.release()
    except (OSError, TimeoutError) as exc:
        raise SchedulerLost(f"the Dask scheduler at {address} went away ({exc})") from None
    finally:
        try:
            client.unregister_worker_plugin(plugin_name)
        except Exception:  # noqa: BLE001 - the scheduler may be gone; the workers close it with themselves
            pass
        client.close(timeout=5)
        if cluster is not None:
            cluster.close(timeout=10)


def unreachable(address: str) -> str | None:
    """Why a tcp:// scheduler address cannot be connected to at all (refused, unknown host), or None."""
    if not address.startswith("tcp://"):
        return None
    host, _, port = address[len("tcp://"):].rpartition(":")
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=10):
            return None
    except ValueError:
        return "the address should look like tcp://HOST:PORT"
    except OSError as exc:
        return exc.strerror or str(exc)


def walk_files_list(folder: Path) -> Files:
    """A submission's files, read here to travel with its task."""
    return list(walk_files(folder))
