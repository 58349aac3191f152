"""What a learner's process may report once its file is being imported, in order: shared by the Linux
runner's watch (watch.py, in the worker) and the portable runner's (portable.py, in the grader)."""

from __future__ import annotations

import time
from typing import Any


class CasePhases:
    """The import and cases phases of one run. A subclass sets the attributes below, and says how a
    frame the learner may send is passed on (`relay`) and what ends the exercise (`finished`)."""

    phase: str  # setup -> preimport -> import -> cases -> finishing
    current: int
    total: int
    case_seconds: float
    deadline: float
    step: float
    stopped: int | None
    banned: bool

    def relay(self, header: dict[str, Any], payload: Any) -> None:
        raise NotImplementedError

    def became_ready(self) -> None:
        """The learner's file imported (before the first case)."""

    def finished(self) -> None:
        raise NotImplementedError

    def next_case(self) -> None:
        self.step = min(self.deadline, time.monotonic() + self.case_seconds)

    def where(self) -> dict[str, Any]:
        """The case (or the import) the process is in."""
        if self.phase == "cases":
            self.stopped = self.current if self.current < self.total else None
            return {"case": self.current, "phase": "case"}
        return {"case": None, "phase": "import"}

    def accept_learner(self, header: dict[str, Any], payload: Any) -> bool:
        """Take a frame of the import or the cases if the process may send it now; False if it may not."""
        kind, phase = header.get("ev"), self.phase
        if phase == "import" and kind in ("ready", "import_error", "banned"):
            self.relay(header, payload)
            self.banned = self.banned or kind == "banned"
            if kind == "ready":
                self.became_ready()
                self.phase = "cases"
                self.next_case()
            elif kind == "import_error":
                self.finished()
        elif phase == "cases" and kind in ("done", "raised") and header.get("case") == self.current \
                and self.current < self.total:
            self.relay(header, payload)
            self.current += 1
            self.next_case()
        elif phase == "cases" and kind == "banned":
            self.relay(header, payload)
            self.banned = True
        elif phase == "cases" and kind == "finished" and self.current == self.total:
            self.finished()
        else:
            return False
        return True
