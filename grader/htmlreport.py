"""`grade batch --report report.html`: one self-contained page for the instructor, drawn from the JSON
gradebook: the score distribution per exercise, the most common named mistakes, the slowest exercises.

Self-contained: styles inline and pictures as data: URIs (PNG from matplotlib when it is installed,
else inline SVG bars), no scripts and no external links. Every learner-produced string is escaped.
"""

from __future__ import annotations

import base64
import collections
import html
import statistics
from pathlib import Path
from typing import Any, Mapping, Sequence

STYLE = """body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#222}
table{border-collapse:collapse;margin:0.5em 0 1.5em}th,td{border:1px solid #ccc;padding:0.25em 0.6em;
text-align:left;vertical-align:top}th{background:#f3f3f3}td.n{text-align:right}img{display:block}"""
TOP_MISTAKES = 15
SLOWEST = 10


def exercise_seconds(rows: Sequence[tuple[Any, Sequence[Any]]]) -> dict[str, list[float]]:
    """Seconds the learner's code ran per exercise and submission (sum over cases), from graded results."""
    seconds: dict[str, list[float]] = collections.defaultdict(list)
    for _sub, results in rows:
        for r in results:
            seconds[r.exercise].append(sum(c.seconds for c in r.cases))
    return dict(seconds)


def write(path: Path, gradebook: Mapping[str, Any], seconds: Mapping[str, Sequence[float]] | None = None) -> None:
    """Write the HTML report for a JSON gradebook (as `grade batch --json` writes it)."""
    from grader.errors import GradeError

    try:
        path.write_text(render(gradebook, seconds or {}), encoding="utf-8")
    except OSError as exc:
        raise GradeError(f"cannot write the report to {path}: {exc}") from None


def render(gradebook: Mapping[str, Any], seconds: Mapping[str, Sequence[float]]) -> str:
    """The whole page."""
    subs = gradebook.get("submissions", [])
    exercises = gradebook.get("exercises", [])
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Class report</title>"
             f"<style>{STYLE}</style></head><body>",
             "<h1>Class report</h1>",
             f"<p>{len(subs)} submissions, {len(exercises)} exercises, seed {html.escape(str(gradebook.get('seed')))}."
             f" Mean total {_mean([s.get('total', 0) for s in subs]):.2f} of {_num(gradebook.get('max_total', 0))}.</p>",
             _distribution(subs, exercises), _mistakes(subs), _slowest(exercises, seconds), "</body></html>"]
    return "\n".join(parts) + "\n"


def _num(value: Any) -> str:
    return f"{float(value):g}" if isinstance(value, (int, float)) else html.escape(str(value))


def _mean(values: Sequence[float]) -> float:
    return statistics.fmean(values) if values else 0.0


def _scores(subs: Sequence[Mapping[str, Any]], exercise_id: str) -> list[Mapping[str, Any]]:
    return [e for s in subs for e in s.get("exercises", []) if e.get("exercise") == exercise_id]


def _distribution(subs: Sequence[Mapping[str, Any]], exercises: Sequence[Mapping[str, Any]]) -> str:
    rows = ["<h2 id='scores'>Score distribution per exercise</h2>",
            "<table><tr><th>exercise</th><th>topic</th><th>passed</th><th>mean score</th>"
            "<th>statuses</th><th>distribution</th></tr>"]
    for ex in exercises:
        graded = _scores(subs, ex["id"])
        scores = [float(e.get("score", 0.0)) for e in graded]
        max_score = float(ex.get("max_score", 1.0)) or 1.0
        statuses = collections.Counter(e.get("status", "?") for e in graded)
        status_text = ", ".join(f"{html.escape(k)} {v}" for k, v in statuses.most_common())
        rows.append(f"<tr><td>{html.escape(ex['id'])}</td><td>{html.escape(ex.get('topic', ''))}</td>"
                    f"<td class='n'>{sum(e.get('passed', False) for e in graded)}/{len(graded)}</td>"
                    f"<td class='n'>{_mean(scores):.2f}/{max_score:g}</td><td>{status_text}</td>"
                    f"<td>{_histogram(scores, max_score, ex['id'])}</td></tr>")
    rows.append("</table>")
    return "\n".join(rows)


def _histogram(scores: Sequence[float], max_score: float, name: str) -> str:
    """A small histogram: a PNG data URI when matplotlib is there, else inline SVG bars."""
    try:
        from grader import plots

        png = plots.score_histogram(scores, max_score, name)
        data = base64.b64encode(png).decode("ascii")
        return f"<img alt='scores of {html.escape(name)}' src='data:image/png;base64,{data}'>"
    except Exception:  # noqa: BLE001 - matplotlib missing or failing: the SVG says the same
        return _svg_bars(scores, max_score)


def _svg_bars(scores: Sequence[float], max_score: float) -> str:
    bins = [0] * 10
    for s in scores:
        bins[min(9, int(10 * s / max_score))] += 1
    top = max(bins) or 1
    bars = "".join(f"<rect x='{i * 16}' y='{40 - 40 * b / top:.1f}' width='14' height='{40 * b / top:.1f}' "
                   f"fill='#47a'/>" for i, b in enumerate(bins))
    return f"<svg xmlns='http://www.w3.org/2000/svg' width='160' height='40'>{bars}</svg>"


def _mistakes(subs: Sequence[Mapping[str, Any]]) -> str:
    """The named mistakes, by how many submissions made them (one count per submission and exercise)."""
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    messages: dict[tuple[str, str], str] = {}
    for sub in subs:
        for ex in sub.get("exercises", []):
            seen = set()
            for case in ex.get("cases", []):
                if case.get("mistake_id") and case["mistake_id"] not in seen:
                    seen.add(case["mistake_id"])
                    key = (ex.get("exercise", "?"), case["mistake_id"])
                    counts[key] += 1
                    messages[key] = case.get("mistake", "")
    rows = ["<h2 id='mistakes'>Most common mistakes</h2>"]
    if not counts:
        rows.append("<p>No named mistake was made.</p>")
        return "\n".join(rows)
    rows.append("<table><tr><th>submissions</th><th>exercise</th><th>mistake</th><th>what the learner is told</th></tr>")
    for (exercise, mistake), n in counts.most_common(TOP_MISTAKES):
        rows.append(f"<tr><td class='n'>{n}</td><td>{html.escape(exercise)}</td><td>{html.escape(mistake)}</td>"
                    f"<td>{html.escape(messages[(exercise, mistake)])}</td></tr>")
    rows.append("</table>")
    return "\n".join(rows)


def _slowest(exercises: Sequence[Mapping[str, Any]], seconds: Mapping[str, Sequence[float]]) -> str:
    rows = ["<h2 id='slowest'>Slowest exercises</h2>"]
    timed = [(ex["id"], statistics.median(seconds[ex["id"]]), max(seconds[ex["id"]]))
             for ex in exercises if seconds.get(ex["id"])]
    if not timed:
        rows.append("<p>No timings were recorded.</p>")
        return "\n".join(rows)
    rows.append("<table><tr><th>exercise</th><th>median seconds</th><th>slowest submission, seconds</th></tr>")
    for exercise, median, slowest in sorted(timed, key=lambda t: -t[1])[:SLOWEST]:
        rows.append(f"<tr><td>{html.escape(exercise)}</td><td class='n'>{median:.3f}</td>"
                    f"<td class='n'>{slowest:.3f}</td></tr>")
    rows.append("</table>")
    return "\n".join(rows)
