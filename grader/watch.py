"""`grade watch`: grade the exercise on every save of its file, show progress, move on when it passes.

Saves come from watchfiles (the operating system's file events, not polling) in a thread; keys are
read in the main loop from a terminal in cbreak mode (one key at a time, echo off, but output and
Ctrl-C still work as usual: click.getchar's raw mode would garble the reports printed meanwhile).
Every grading runs in the one isolated runner, so a syntax error or an infinite loop in the file
costs one report, never the watcher.
"""

from __future__ import annotations

import os
import queue
import sys
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import click

from grader import catalog, progress, state
from grader.commands.output import emit, pick_seed
from grader.definition import Exercise
from grader.errors import GradeError
from grader.results import ExerciseResult, RunReport

KEYS_HELP = "keys: h hint, n next exercise, l list, q quit"
POLL_SECONDS = 0.1


class Keys:
    """Single key presses from standard input, without waiting for Enter where it is a terminal."""

    def __init__(self) -> None:
        self._saved: Any = None
        self._fd: int | None = None
        self._open = True

    def __enter__(self) -> "Keys":
        if os.name == "nt":
            return self
        try:
            self._fd = sys.stdin.fileno()
        except (AttributeError, OSError, ValueError):
            self._open = False
            return self
        if os.isatty(self._fd):
            import termios
            import tty

            self._saved = termios.tcgetattr(self._fd)
            tty.setcbreak(self._fd)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._saved is not None and self._fd is not None:
            import termios

            termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved)

    def read(self, timeout: float) -> str | None:
        """The next key pressed within `timeout` seconds, or None (None forever once input has ended)."""
        if not self._open:
            time.sleep(timeout)
            return None
        if os.name == "nt":
            import msvcrt

            end = time.monotonic() + timeout
            while time.monotonic() < end:
                if msvcrt.kbhit():  # type: ignore[attr-defined]  # Windows only
                    return str(msvcrt.getwch())  # type: ignore[attr-defined]
                time.sleep(0.02)
            return None
        import select

        assert self._fd is not None
        ready, _, _ = select.select([self._fd], [], [], timeout)
        if not ready:
            return None
        data = os.read(self._fd, 1)
        if not data:  # input ended (a closed pipe): keep watching, without keys
            self._open = False
            return None
        return data.decode("utf-8", "replace")


class Saves:
    """Paths saved under a folder, reported by watchfiles from a thread into a queue."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.changed: queue.Queue[Path] = queue.Queue()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="grade-watch", daemon=True)

    def __enter__(self) -> "Saves":
        try:
            import watchfiles  # noqa: F401 - a core dependency; fail here, not silently in the thread
        except ImportError:
            raise GradeError("grade watch needs watchfiles: pip install watchfiles") from None
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        from watchfiles import watch

        for changes in watch(self.root, stop_event=self._stop, debounce=400, step=50, rust_timeout=500,
                             raise_interrupt=False):
            for _change, path in changes:
                self.changed.put(Path(path))

    def saved(self, file: Path) -> bool:
        """Whether `file` was saved since the last call (other paths are dropped)."""
        target = file.resolve()
        hit = False
        while True:
            try:
                path = self.changed.get_nowait()
            except queue.Empty:
                return hit
            hit = hit or path.resolve() == target


class Watcher:
    """The watch loop's state: the course, the current exercise, the runner."""

    def __init__(self, root: Path, grader: Any, seed: int | None, cases: int | None) -> None:
        self.root = root
        self.cat = catalog.load_catalog(root)
        self.grader = grader
        self.seed = seed
        self.cases = cases
        self.current: Exercise | None = None

    def start_at(self, exercise_id: str | None) -> bool:
        """Pick the exercise to start with; False when every exercise is passed already."""
        if exercise_id is not None:
            self.current = self.cat.get(exercise_id)
            return True
        first = progress.next_unfinished(self.cat, state.last_results(self.root))
        if first is None:
            click.echo("Every exercise is passed: the course is done. `grade watch EXERCISE` watches one anyway.")
            return False
        self.current = self.cat.get(first)
        return True

    def announce(self) -> None:
        ex = self.current
        assert ex is not None
        click.echo("")
        click.echo(f"== Watching {ex.id}: {ex.title} ({ex.topic})")
        click.echo(f"   edit {ex.stub}; it is graded each time you save it")

    def grade(self) -> ExerciseResult | None:
        """Grade the current file, report it and the progress; the result, or None on a grader fault."""
        ex = self.current
        assert ex is not None
        click.echo("")
        click.echo(f"-- {time.strftime('%H:%M:%S')} grading {ex.id} ...")
        seed = pick_seed(self.seed)
        try:
            if not ex.stub.is_file():
                click.echo(f"there is no file {ex.stub} yet: create it and save")
                return None
            result = self.grader.grade(ex, ex.stub, seed, self.cases)
        except GradeError as exc:
            click.echo(f"grade: {exc}")
            return None
        state.record_results(self.root, [result])
        emit(RunReport((result,), seed), "text", None, single=True)
        return result

    def show_progress(self) -> None:
        click.echo(progress.render(progress.compute(self.cat, state.last_results(self.root))), nl=False)

    def move_on(self) -> bool:
        """Switch to the next exercise not yet passed; False when there is none."""
        ex = self.current
        assert ex is not None
        nxt = progress.next_unfinished(self.cat, state.last_results(self.root), after=ex.id)
        if nxt is None:
            click.echo("Every exercise is passed: the course is done. Press q to quit.")
            return False
        self.current = self.cat.get(nxt)
        click.echo(f"Next exercise: {nxt}")
        return True

    def hint(self) -> None:
        ex = self.current
        assert ex is not None
        if not ex.hints:
            click.echo(f"{ex.id} has no hints.")
            return
        unlocked = state.unlock_hint(self.root, ex.id, len(ex.hints))
        click.echo(f"Hint {unlocked}/{len(ex.hints)}: {ex.hints[unlocked - 1].strip()}")
        if unlocked == len(ex.hints):
            click.echo("(that was the last hint)")

    def listing(self) -> None:
        last = state.last_results(self.root)
        for ex in self.cat.ordered():
            mark = ">" if self.current is not None and ex.id == self.current.id else " "
            click.echo(f" {mark} {ex.id:<24} {progress.last_status(last, ex.id):<16} {ex.title}")

    def round(self) -> None:
        """Grade the current exercise; while it passes, announce and grade the next unfinished one."""
        result = self.grade()
        while result is not None and result.passed:
            ex = self.current
            assert ex is not None
            click.echo(f"{ex.id} passed!")
            if not self.move_on():
                break
            self.announce()
            result = self.grade()
        self.show_progress()
        click.echo(KEYS_HELP)


def watch(exercise_id: str | None, exercises_dir: str | None, seed: int | None, cases: int | None) -> int:
    """Run the watch loop until q or Ctrl-C; returns the exit status (0)."""
    from grader.hidden import make_grader
    from grader.sandbox.client import Sandbox

    root = catalog.find_root(exercises_dir)
    with Sandbox() as sandbox:
        watcher = Watcher(root, make_grader(sandbox), seed, cases)
        if not watcher.start_at(exercise_id):
            return 0
        try:
            with Saves(root) as saves, Keys() as keys:
                watcher.announce()
                watcher.round()
                while True:
                    key = keys.read(POLL_SECONDS)
                    if key in ("q", "Q", "\x03", "\x04"):
                        break
                    if key in ("h", "H"):
                        watcher.hint()
                    elif key in ("n", "N"):
                        if watcher.move_on():
                            watcher.announce()
                            watcher.round()
                    elif key in ("l", "L"):
                        watcher.listing()
                        click.echo(KEYS_HELP)
                    assert watcher.current is not None
                    if saves.saved(watcher.current.stub):
                        watcher.round()
        except KeyboardInterrupt:
            pass
    click.echo("Stopped watching.")
    return 0
