"""Notebooks: `check()` and `hint()` for Jupyter, and `grade notebook TOPIC` (the optional `[notebook]` extra)."""

from grader.notebook.check import CheckResult, Hints, check, configure, hint

__all__ = ["CheckResult", "Hints", "check", "configure", "hint"]
