"""Drawing the pictures (matplotlib, Agg backend, the optional `[notebook]` extra): PNG bytes, nothing else."""

from __future__ import annotations

import io
from typing import Sequence

import numpy as np

from grader.errors import GradeError

INSTALL = "pictures need matplotlib: pip install 'grade[notebook]'"


def _pyplot():  # type: ignore[no-untyped-def]
    try:
        import matplotlib
    except ImportError:
        raise GradeError(INSTALL) from None
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _png(fig: object) -> bytes:
    plt = _pyplot()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")  # type: ignore[attr-defined]
    plt.close(fig)
    return buf.getvalue()


def loss_curve(steps: Sequence[int], yours: Sequence[float], reference: Sequence[float], title: str,
               ylabel: str = "loss") -> bytes:
    """The learner's loss after each number of steps against the reference's, as a PNG."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 3.6))
    ax.plot(steps, reference, "o-", color="#2a7", label="reference", markersize=3)
    ax.plot(steps, yours, "s--", color="#c33", label="yours", markersize=3)
    finite = np.asarray([v for v in (*yours, *reference) if np.isfinite(v)], dtype=float)
    if finite.size and finite.min() > 0 and finite.max() / finite.min() > 1e3:
        ax.set_yscale("log")
    ax.set_xlabel("steps")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend()
    ax.grid(alpha=0.3)
    return _png(fig)


def difference_heatmap(diff: np.ndarray, title: str) -> bytes:
    """Where a matrix answer differs from the reference's (yours - expected), as a PNG heat map."""
    plt = _pyplot()
    data = np.real(np.atleast_2d(np.asarray(diff, dtype=complex if np.iscomplexobj(diff) else float)))
    bound = float(np.nanmax(np.abs(data))) if np.isfinite(data).any() else 1.0
    bound = bound or 1.0
    fig, ax = plt.subplots(figsize=(max(4.0, 1.5 + 0.5 * data.shape[1]), max(3.0, 1.0 + 0.5 * data.shape[0])))
    image = ax.imshow(data, cmap="RdBu_r", vmin=-bound, vmax=bound)
    fig.colorbar(image, ax=ax, label="yours - expected")
    if data.size <= 64:
        for (i, j), value in np.ndenumerate(data):
            ax.text(j, i, f"{value:.2g}", ha="center", va="center", fontsize=7)
    ax.set_xticks(range(data.shape[1]) if data.shape[1] <= 16 else ax.get_xticks())
    ax.set_yticks(range(data.shape[0]) if data.shape[0] <= 16 else ax.get_yticks())
    ax.set_title(title, fontsize=9)
    ax.set_xlabel("column")
    ax.set_ylabel("row")
    return _png(fig)


def score_histogram(scores: Sequence[float], max_score: float, title: str) -> bytes:
    """The distribution of one exercise's scores over a class, as a small PNG."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(3.2, 1.8))
    ax.hist(scores, bins=np.linspace(0, max_score or 1.0, 11), color="#47a", edgecolor="white")
    ax.set_title(title, fontsize=9)
    ax.set_xlabel("score", fontsize=8)
    ax.tick_params(labelsize=7)
    return _png(fig)
