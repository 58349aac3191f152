"""The fork server: reads requests, forks (or reuses) a learner's process per exercise, watches it under
its time limits, relays the events it may send in the order it may send them, and kills what it leaves."""

from __future__ import annotations

import gc
import os
import select
import signal
import sys
import time
import traceback
import types
from typing import Any

from . import cgroups, confine, process_tree, scan, wire
from .child_setup import Reuse, confine_child, isolate, preimport
from .bindings import Bindings, plan_patches
from .learner_process import prepare_child, run_child
from .limits import GROUP_MARGIN, IDLE_SECONDS, MEMORY_SLACK, NUMPY_LAZY, RESULT_LIMIT, SCRATCH_BYTES, SCRATCH_FILES, \
    TASKS
from .source_analysis import library_imports, library_roots, read_source, trusted_imports
from .watch import Watch, condemn, kill_learner, read_chunk


class Learner:
    """A learner's process: its pipes (results, raw output, commands), its folder, whom it may serve."""

    def __init__(self, pid: int, result_r: int, output_r: int, command_w: int, workdir: str,
                 key: tuple[str, tuple[str, ...]]) -> None:
        self.pid, self.result_r, self.output_r, self.command_w = pid, result_r, output_r, command_w
        self.workdir, self.key = workdir, key
        self.banned: frozenset[str] | None = None  # banned in every exercise it ran (None: none ran yet)

    def may_serve(self, banned: list[str]) -> bool:
        """Whether it may run an exercise banning these: only if every exercise it ran banned exactly the same.
        Its tripwires are never taken back (a wrapper holds no original to fall back on), and no function it
        could hold from an earlier exercise (numpy.linalg._umath_linalg.det kept in a library module) is
        banned now."""
        return self.banned is None or frozenset(banned) == self.banned

    def served(self, banned: list[str]) -> None:
        self.banned = frozenset(banned)


def requests() -> Any:
    """A buffered reader of the grader's requests on stdin (the descriptor stays open when it is dropped)."""
    return os.fdopen(0, "rb", buffering=1 << 16, closefd=False)


def group_room(req: dict[str, Any]) -> int:
    """What a learner's control group may hold above its start: the exercise's memory, the room a reused
    process has for its next exercises, and a margin, so that RLIMIT_AS speaks first for arrays."""
    return int(req["limits"]["memory_mb"]) * (1 << 20) + MEMORY_SLACK + GROUP_MARGIN


def own_folder(req: dict[str, Any]) -> str:
    """The learner's folder: what their process may read, and whose exercises one process may serve in turn
    (the grader's client.learner_folder chose it: the submission holding the file, or the file's folder)."""
    folder = req.get("folder")
    return folder if isinstance(folder, str) and folder else os.path.dirname(req["file"])


class Server:
    """Reads requests, runs each exercise in a learner's process (forked, or the same learner's idle one),
    supervises it, relays its events."""

    def __init__(self, out_fd: int) -> None:
        self.out_fd = out_fd
        self.outbox: list[bytes] = []
        root = os.geteuid() == 0
        self.drop = root and os.environ.get("GRADE_SANDBOX_DROP", "1") != "0"
        self.id_base = confine.id_base() if self.drop else None
        self.tasks = TASKS if self.drop else None if root else confine.user_tasks(os.geteuid()) + TASKS
        self.serial = 0
        self.results_left = RESULT_LIMIT
        self.scipy_loaded = False
        self.not_modules: set[str] = set()  # names of trusted_imports that could not be imported
        self.plans: dict[tuple[tuple[str, ...], int], list[tuple[str, str, str]]] = {}
        self.bindings: tuple[int, Bindings] | None = None  # the index of the loaded modules, and their count
        self.libraries = library_roots()
        self.scratch = os.getcwd()  # the grader made it for this worker: learner processes work below it
        self.landlock = confine.landlock_abi() if os.environ.get("GRADE_SANDBOX_LANDLOCK", "1") != "0" else 0
        self.rulesets: dict[tuple[str, tuple[str, ...]], confine.Ruleset | None] = {}
        self.library_rules: dict[tuple[str, ...], list[tuple[str, int]]] = {}
        self.mounts = root and confine.can_mount()
        self.pid = os.getpid()
        self.pristine = True  # no learner's request was run here (the zygote of learners' servers)
        self.one_learner = False  # a server forked for one learner (see learner_server)
        self.reuse = os.environ.get("GRADE_SANDBOX_REUSE", "1") != "0"  # 0: a fresh process per exercise
        self.idle: Learner | None = None  # the last learner's process, waiting for their next exercise
        wanted = root and os.environ.get("GRADE_SANDBOX_CGROUPS", "1") != "0"
        self.hierarchy, self.cgroup = cgroups.find() if wanted else (None, "not root" if not root else "turned off")
        if self.hierarchy is not None:
            cgroups.sweep(self.hierarchy)
        self.groups: dict[int, cgroups.Group] = {}  # a learner's process -> its control group
        self.groups_made = 0

    def features(self) -> dict[str, Any]:
        """Which defences hold here (they depend on root and on the kernel)."""
        ids = "own" if self.id_base is not None else "nobody" if self.drop else "same"
        return {"drop": self.drop, "ids": ids, "landlock": self.landlock, "tasks": self.tasks,
                "seccomp": os.uname().machine in confine.SECCOMP_ARCHES, "scratch": "tmpfs" if self.mounts else "folder",
                "cgroup": self.cgroup if self.hierarchy is not None else None, "cgroup_why": self.cgroup}

    def emit(self, header: dict[str, Any], blobs: list[bytes] | None = None) -> None:
        """Queue an event for the grader (sent in one write when the exercise ends)."""
        self.outbox.append(wire.pack(header, blobs))

    def relay(self, raw: bytes) -> None:
        """Queue a frame from the learner's process exactly as received (already validated)."""
        self.outbox.append(raw)

    def flush(self) -> None:
        data = memoryview(b"".join(self.outbox))
        self.outbox = []
        while data:
            data = data[os.write(self.out_fd, data):]

    def serve(self) -> None:
        self.emit({"ev": "hello", "pid": os.getpid(), **self.features()})
        self.flush()
        self.import_trusted(list(NUMPY_LAZY))  # while the grader prepares its first request
        stdin = requests()
        while True:
            frame = wire.read_frame(stdin)
            if frame is None:
                break
            header, blobs = frame
            op = header.get("op")
            if op == "learner":  # the zygote forks a server for one learner; the next line runs in both
                stdin = self.learner_server(stdin, header.get("bans"))
                continue
            if op == "release" and self.one_learner:
                self.leave(0)
            if op == "run":
                self.pristine = False
                self.run(header, blobs)
            self.emit({"ev": "end"})
            self.flush()
        self.leave(3 if self.one_learner else None)

    def leave(self, code: int | None) -> None:
        """Kill every learner process left; a learner's server then exits with `code` (0: released)."""
        if self.idle is not None:
            self.dismiss(self.idle)
            self.idle = None
        process_tree.kill_tree(os.getpid(), reap=True)
        if code is not None:
            os._exit(code)

    def learner_server(self, stdin: Any, bans: Any) -> Any:
        """`grade batch`: fork a server that serves one learner's requests until released, from this pristine
        one (a zygote that never ran, read or relayed anything of a learner's), and wait for it to end. A
        learner's process is a copy of its server, freed heap pages included: so no learner's process holds
        what an earlier learner's process sent. In the child, returns the same reader (it takes the requests
        from here); in the zygote, a new reader once the child was released (what the old one had read ahead
        was the child's). `bans`: the course's lists of banned calls, whose plans are made once, here."""
        if not self.pristine or self.one_learner:
            os.write(2, b"grade worker: a server for one learner asked of one that served learners\n")
            self.leave(None)
            os._exit(72)
        if not self.scipy_loaded:  # once for every learner's server to inherit
            self._preload_scipy()
        for banned in bans if isinstance(bans, list) else []:
            if isinstance(banned, list) and all(isinstance(name, str) for name in banned):
                self.plan({"banned": banned})
        self.flush()
        gc.collect()
        gc.freeze()
        pid = os.fork()
        if pid == 0:
            confine.prctl(confine.PR_SET_CHILD_SUBREAPER, 1)  # what its learner processes leave comes up here
            confine.prctl(confine.PR_SET_PDEATHSIG, signal.SIGTERM)
            if os.getppid() != self.pid:
                os._exit(1)
            self.pid, self.one_learner = os.getpid(), True
            self.emit({"ev": "forked"})
            self.flush()
            return stdin
        _pid, status = os.waitpid(pid, 0)
        process_tree.kill_tree(self.pid, reap=True)  # nothing it left may outlive it
        if os.waitstatus_to_exitcode(status) != 0:  # it stopped without being released: so does the worker
            os._exit(1)
        self.emit({"ev": "released"})
        self.flush()
        return requests()

    def run(self, req: dict[str, Any], blobs: list[bytes]) -> None:
        source, problem = read_source(req["file"], tuple(req.get("blocked_dirs", ())))
        if source is None:
            self.emit({"ev": "import_error", "type": "OSError", "message": problem})
            return
        req["source"] = source
        if not self.scipy_loaded and "scipy" in source:
            self._preload_scipy()
        self.import_trusted(trusted_imports(source))
        budget = float(req["limits"]["exercise_seconds"])
        self.results_left = RESULT_LIMIT
        start_at, total = 0, len(req["cases"])
        while start_at < total and budget > 0:
            stopped_at, used = self.supervise(req, blobs, start_at, budget)
            budget -= used
            if stopped_at is None:
                return
            start_at = stopped_at + 1

    def ruleset(self, req: dict[str, Any]) -> confine.Ruleset | None:
        """The Landlock rules for this learner's folder, built once per folder."""
        if not self.landlock:
            return None
        blocked = tuple(req.get("blocked_dirs", ()))
        key = (own_folder(req), blocked)
        if key not in self.rulesets:
            if blocked not in self.library_rules:
                self.library_rules[blocked] = confine.library_rules(self.libraries, blocked)
            self.rulesets[key] = confine.files_ruleset(self.library_rules[blocked], key[0], self.scratch, blocked)
        return self.rulesets[key]

    def import_trusted(self, names: list[str]) -> None:
        """Import numpy's and scipy's submodules the learner uses (np.random, np.fft ...) once, for every child
        (a learner process running as another user may not be able to read the installation)."""
        for name in names:
            if name in sys.modules or name in self.not_modules:
                continue
            parent, _, last = name.rpartition(".")
            held = getattr(sys.modules.get(parent), last, None)  # np.zeros: a function, not a module to import
            if held is not None and not isinstance(held, types.ModuleType):
                continue
            try:
                preimport([name])
            except BaseException:  # noqa: BLE001 - the learner's own import will say what is wrong
                self.not_modules.add(name)

    def plan(self, req: dict[str, Any]) -> list[tuple[str, str, str]]:
        """Where the banned functions are bound, computed once per banned list (children inherit it), from one
        index of the loaded modules kept while they stay the same."""
        banned = tuple(scan.runtime_bans(req["banned"]))
        key = (banned, len(sys.modules))
        if key not in self.plans:
            if banned and (self.bindings is None or self.bindings[0] != len(sys.modules)):
                self.bindings = (len(sys.modules), Bindings(list(sys.modules)))
            self.plans[key] = plan_patches(list(banned), index=self.bindings[1]) if self.bindings and banned else []
        return self.plans[key]

    def _preload_scipy(self) -> None:
        """Import scipy.linalg once, so every later child has it (learners' files use it)."""
        self.scipy_loaded = True
        try:
            import scipy.linalg  # noqa: F401
        except ImportError:
            pass

    def next_uid(self) -> int | None:
        """The uid/gid of the next learner process (None: keep the server's)."""
        if not self.drop:
            return None
        self.serial += 1
        return confine.learner_id(self.id_base, os.getpid() * 7919 + self.serial)

    def supervise(self, req: dict[str, Any], blobs: list[bytes], start_at: int,
                  budget: float) -> tuple[int | None, float]:
        """Run the exercise from start_at in the learner's idle process if it can take it, else in a fresh
        one; the case it was stopped on (None when done) and its seconds used."""
        key = (own_folder(req), tuple(req.get("blocked_dirs", ())))
        idle, self.idle = self.idle, None
        fits = idle is not None and idle.key == key and start_at == 0 and not req.get("apart") \
            and idle.may_serve(req["banned"])
        if idle is not None and not fits:
            condemn(idle.pid, self.groups.get(idle.pid))  # it dies while the plan is made; dismissed below
        plan = self.plan(req)
        stale = None
        if idle is not None:
            if fits and self.wake(idle) and self.make_room(idle, req) \
                    and self.command(idle, {"op": "run", "req": req, "plan": plan}, blobs):
                outcome = self.watch(idle, req, start_at, budget, reused=True)
                if outcome is not None:
                    return outcome
            else:
                if fits:  # one that could not take it after all (the others were condemned above)
                    condemn(idle.pid, self.groups.get(idle.pid))
                stale = idle
        try:
            learner = self.spawn(req, blobs, start_at, plan, key)
        except BaseException:
            if stale is not None:
                self.dismiss(stale)
            raise
        if stale is not None:  # swept now: its death overlaps the fork and the new process's set-up (grader code)
            self.dismiss(stale, spare=learner.pid)
        outcome = self.watch(learner, req, start_at, budget, reused=False)
        assert outcome is not None
        return outcome

    def spawn(self, req: dict[str, Any], blobs: list[bytes], start_at: int, plan: list[tuple[str, str, str]],
              key: tuple[str, tuple[str, ...]]) -> Learner:
        """Fork a learner's process for this exercise, from start_at."""
        import tempfile

        ruleset = self.ruleset(req)
        workdir = tempfile.mkdtemp(prefix="grade-run-", dir=self.scratch)
        uid = self.next_uid()
        if uid is not None:
            os.chown(workdir, uid, uid)
        result_r, result_w = os.pipe()
        output_r, output_w = os.pipe()
        command_r, command_w = os.pipe()
        group = self.new_group(req)
        gc.freeze()  # the child's collector leaves the server's objects alone: fewer copy-on-write faults
        pid = os.fork()
        if pid == 0:  # the learner's process
            for fd in (result_r, output_r, command_w):
                os.close(fd)
            self.child(req, blobs, start_at, plan, result_w, output_w, command_r, workdir, uid, ruleset, group)
        for fd in (result_w, output_w, command_r):
            os.close(fd)
        if group is not None:
            self.groups[pid] = group
        os.set_blocking(command_w, False)
        return Learner(pid, result_r, output_r, command_w, workdir, key)

    def new_group(self, req: dict[str, Any]) -> cgroups.Group | None:
        """A control group for the next learner's process: every kind of memory it and its children hold
        counts against the exercise's limit above what the forked process starts with (RLIMIT_AS, lower for
        ordinary arrays, speaks first), and its processes are bounded and listed. Until the child has imported
        what the learner's file names it may hold as much as this server; then only what it holds plus the
        exercise's room (`group_room`)."""
        if self.hierarchy is None:
            return None
        self.groups_made += 1
        with open("/proc/self/statm", "rb") as handle:
            resident = int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        try:
            room = group_room(req)
        except (KeyError, TypeError, ValueError):
            return None  # a request the child's set-up will refuse, as the grader's own error
        group = cgroups.Group(self.hierarchy, f"{cgroups.PREFIX}{self.pid}-{self.groups_made}")
        return group if group.make(resident + room, TASKS) else None  # tightened in the child

    def watch(self, learner: Learner, req: dict[str, Any], start_at: int, budget: float,
              reused: bool) -> tuple[int | None, float] | None:
        """Supervise one run of a learner's process; None when a reused one could not take the exercise."""
        watch = Watch(self, learner.pid, req, start_at, budget, reused)
        learner.served(list(req["banned"]))
        try:
            stopped = watch.run(learner.result_r, learner.output_r)
            return None if watch.retired else (stopped, watch.used)
        finally:
            if watch.clean:
                self.idle = learner
            else:
                self.dismiss(learner, watch.reaped)
            self.flush()  # each child's events as it ends: the grader hears from a busy worker

    def make_room(self, learner: Learner, req: dict[str, Any]) -> bool:
        """The next exercise's room in an idle learner's control group (it imports what that file names)."""
        group = self.groups.get(learner.pid)
        if group is not None:
            group.allow(group_room(req))
        return True

    def wake(self, learner: Learner) -> bool:
        """Have an idle learner's process tidy up after its exercise (only now: a process not reused never
        does); whether it did, and is still quiet."""
        if not self.command(learner, {"op": "tidy"}):
            return False
        reader = wire.FrameReader(1 << 20)
        end = time.monotonic() + IDLE_SECONDS
        frames: list[tuple[dict[str, Any], list[bytes], bytes]] = []
        while not frames:
            left = end - time.monotonic()
            ready = select.select([learner.result_r, learner.output_r], [], [], left)[0] if left > 0 else []
            if learner.result_r not in ready or learner.output_r in ready:  # too slow, or output while tidying
                return False
            data = read_chunk(learner.result_r)
            if not data:
                return False
            try:
                frames = reader.feed(data)
            except wire.WireError:
                return False
        return len(frames) == 1 and not reader.buffer and frames[0][0].get("ev") == "idle" \
            and self.quiet(learner.pid)

    def command(self, learner: Learner, header: dict[str, Any], blobs: list[bytes] | None = None) -> bool:
        """Write a command to an idle learner's process; False when it does not take it in time."""
        data = memoryview(wire.pack(header, blobs))
        end = time.monotonic() + IDLE_SECONDS
        while data:
            left = end - time.monotonic()
            if left <= 0 or not select.select([], [learner.command_w], [], left)[1]:
                return False
            try:
                data = data[os.write(learner.command_w, data):]
            except BlockingIOError:
                continue
            except OSError:
                return False
        return True

    def quiet(self, pid: int, threads: bool = True) -> bool:
        """Whether a learner's process that says it is idle is: one thread, no process of its own, none
        left behind (they would come up to this server, their subreaper)."""
        try:
            if threads:
                with open(f"/proc/{pid}/stat", "rb") as handle:
                    if int(handle.read().rsplit(b")", 1)[1].split()[17]) != 1:
                        return False
            with open(f"/proc/{pid}/task/{pid}/children", "rb") as handle:
                if handle.read().split():
                    return False
            with open(f"/proc/{self.pid}/task/{self.pid}/children", "rb") as handle:
                return handle.read().split() == [str(pid).encode()]
        except (OSError, ValueError, IndexError):
            return False

    def dismiss(self, learner: Learner, reaped: bool = False, spare: int | None = None) -> None:
        """Kill a learner's process and everything it left; remove its folder. `spare`: the next learner's
        process, already forked, left alone."""
        import shutil

        group = self.groups.pop(learner.pid, None)
        kill_learner(learner.pid, reaped, group, spare)
        if group is not None:
            group.remove()
        for fd in (learner.result_r, learner.output_r, learner.command_w):
            os.close(fd)
        shutil.rmtree(learner.workdir, ignore_errors=True)

    def child(self, req: dict[str, Any], blobs: list[bytes], start_at: int, plan: list[tuple[str, str, str]],
              result_fd: int, output_fd: int, command_fd: int, workdir: str, uid: int | None,
              ruleset: confine.Ruleset | None, group: cgroups.Group | None) -> None:
        """The learner's process: set up (a failure here is the grader's), then run, then (when the exercise
        ended cleanly) tidy up and serve the learner's next exercises from the command pipe; never returns."""
        code = 0

        def send(header: dict[str, Any], out_blobs: list[bytes] | None = None) -> None:
            wire.write_frame(result_fd, header, out_blobs)

        try:
            try:
                if group is not None:  # first: all it starts is in the group too
                    group.enter()
                loaded = set(sys.modules)
                if self.mounts:
                    confine.private_scratch(workdir, os.geteuid() if uid is None else uid, SCRATCH_BYTES,
                                            SCRATCH_FILES)
                if ruleset is not None:  # after mounting: Landlock forbids mounts
                    ruleset.restrict()  # its descriptor is closed by isolate, before any learner code
                isolate(result_fd, output_fd, command_fd)
                send({"ev": "stage"})  # from here, the time is the learner's: reading their imports, importing
                confine.limit_memory(confine.address_space() + int(req["limits"]["memory_mb"]) * (1 << 20))
                names = library_imports(req["source"], os.path.dirname(req["file"]))  # a hostile source
                confine.limit_memory(None)  # could eat memory; the libraries it names are another matter
                preimported = preimport([n for n in names if n not in sys.modules])
                if group is not None:  # while still root: what it holds now, and the exercise's room
                    group.allow(group_room(req))
                confine_child(req, workdir, uid, self.tasks, self.pid, self.reuse)
                reuse = Reuse(workdir, uid, loaded, set(names)) if self.reuse else None
                capture, module = prepare_child(req, send, plan, preimported)
            except BaseException as exc:  # noqa: BLE001 - the grader's own failure, said as such
                code = 71
                send({"ev": "setup_failed", "message": f"{type(exc).__name__}: {exc}"[:2000]})
            else:
                if reuse is not None:
                    reuse.learner_file, reuse.module = req["file"], req["module"]
                finished = run_child(req, blobs, send, start_at, capture, module)
                commands = os.fdopen(command_fd, "rb", buffering=1 << 16)
                while finished and reuse is not None:
                    if not reuse.pause():
                        send({"ev": "leave"})
                        break
                    send({"ev": "idle"})  # the server checks now that nothing of the learner's runs
                    try:  # nothing more to do until the learner's next exercise comes, if it comes
                        frame = wire.read_frame(commands)
                        if frame is None or frame[0].get("op") != "tidy":
                            break
                    except BaseException:  # noqa: BLE001 - the server then forks a fresh process
                        break
                    if not reuse.idle():
                        send({"ev": "leave"})
                        break
                    send({"ev": "idle"})
                    try:
                        frame = wire.read_frame(commands)
                        if frame is None:
                            break  # the server stopped, or killed this process
                        header, blobs = frame
                        req, plan = header["req"], [tuple(place) for place in header["plan"]]
                    except BaseException:  # noqa: BLE001 - the server then forks a fresh process
                        break
                    send({"ev": "stage"})
                    taken = reuse.take(req, plan, send)
                    if taken is None:
                        send({"ev": "retire"})
                        break
                    finished = run_child(req, blobs, send, 0, *taken)
        except BaseException:  # noqa: BLE001 - report and leave, never return into the server
            code = 70
            try:
                os.write(2, traceback.format_exc().encode()[-4000:])
            except OSError:
                pass
        finally:
            os._exit(code)
