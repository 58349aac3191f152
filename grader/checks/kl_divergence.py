"""Check for the VAE KL term (NUMERICS.md §1C): per-row error scaled by the size of the terms,
since near the prior the KL is tiny and a relative error means nothing."""

from __future__ import annotations

import numpy as np

from grader.checks.core import EPS, CheckContext, Shape, check, items, scale
from grader.results import Mismatch


def term_sizes(ctx: CheckContext) -> np.ndarray:
    """Per row, 1/2 sum(exp(lv) + mu^2 + 1 + |lv|): the scale of the rounding errors of any formula."""
    mu = np.asarray(ctx.inputs["mu"], dtype=float)
    lv = np.asarray(ctx.inputs["logvar"], dtype=float)
    return 0.5 * np.sum(np.exp(lv) + mu ** 2 + 1.0 + np.abs(lv), axis=-1)


@scale("vae_kl")
def vae_kl_scale(ctx: CheckContext) -> float:
    """The largest row's term size (a single scale, for matching known mistakes)."""
    return float(np.max(term_sizes(ctx)))


@check("vae_kl")
def vae_kl(ctx: CheckContext, *, rtol: float = 0.0, atol: float = 1e3, atol_scale: str = "vae_kl") -> Mismatch | None:
    """One KL per row, each within atol * eps * (its row's term size) of the reference."""
    try:
        (expected,), (actual,) = items(ctx)
    except Shape as exc:
        return _shape_hint(ctx, exc.mismatch)
    bad_value = ~np.isfinite(actual)
    if np.any(bad_value):
        row = int(np.flatnonzero(bad_value)[0])
        return Mismatch(f"row {row} of the result is {actual[row]}, but its KL is {expected[row]:.10g}: exp(logvar) "
                        "is at most e^4 here, so nothing should overflow", where=f"the result at index [{row}]")
    bound = atol * EPS * term_sizes(ctx) + rtol * np.maximum(np.abs(actual), np.abs(expected))
    diff = np.abs(actual - expected)
    if np.all(diff <= bound):
        return None
    row = int(np.argmax(diff - bound))
    return Mismatch(f"the result: {int(np.sum(diff > bound))} of {diff.size} rows differ; row {row} is "
                    f"{actual[row]:.10g} where its KL is {expected[row]:.10g} (difference {diff[row]:.3g}, "
                    f"allowed {bound[row]:.2g})", where=f"the result at index [{row}]", max_abs=float(diff[row]))


def _shape_hint(ctx: CheckContext, found: Mismatch) -> Mismatch:
    """The shape mismatch, with what a (b,) answer means."""
    try:
        shape = np.shape(ctx.actual)
    except (ValueError, TypeError):
        return found
    rows, dims = np.shape(ctx.inputs["mu"])
    if shape == ():
        hint = "you returned one number: return one KL per row of mu, summing over axis 1 only"
    elif shape == (dims,) and dims != rows:
        hint = "you summed over the rows (axis 0): sum over the latent dimensions, axis 1, for one KL per row"
    elif shape == (rows, dims):
        hint = "you returned the per-entry terms: sum them over axis 1 for one KL per row"
    else:
        return found
    return Mismatch(f"{found.summary}; {hint}", where=found.where)
