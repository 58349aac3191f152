"""Check for finite-difference gradients: compared with the analytic gradient of the function the
grader passed (grader.sandbox.callables), not with another finite-difference answer."""

from __future__ import annotations

import numpy as np

from grader.checks.core import CheckContext, Shape, apart, check, items, magnitude, scale
from grader.results import Mismatch
from grader.sandbox.callables import POLYNOMIAL_DEGREE_2, CallableSpec, gradient_of


@scale("array_inputs")
def array_inputs(ctx: CheckContext) -> float:
    """The largest magnitude among the array inputs and the expected answer; scalar inputs such as
    a seed, a step count or a learning rate are not sizes of the numbers involved."""
    arrays = [v for v in ctx.inputs.values() if isinstance(v, np.ndarray) and v.ndim > 0]
    expected = list(ctx.expected) if isinstance(ctx.expected, tuple) else [ctx.expected]
    return magnitude(arrays + expected)


@check("numerical_gradient")
def numerical_gradient(ctx: CheckContext, *, rtol: float = 1e-5, rtol_exact: float = 1e-7, floor: float = 1e-2,
                       function: str = "f", point: str = "x") -> Mismatch | None:
    """Each entry within rtol of the analytic gradient, relative to max(|g_i|, floor * max|g|).
    For quadratics, where a central difference has no truncation error, each entry must be within
    rtol_exact * max|g| (rounding alone: measured <= 2.2e-9 at h = 1e-6)."""
    try:
        _, (actual,) = items(ctx)
    except Shape as exc:
        return exc.mismatch
    spec = ctx.inputs[function]
    if not isinstance(spec, CallableSpec):
        raise ValueError(f"input {function!r} is not a function given by the grader")
    truth = np.asarray(gradient_of(spec)(np.array(ctx.inputs[point], dtype=float)), dtype=float)
    exact = spec.factory in POLYNOMIAL_DEGREE_2
    tol = rtol_exact if exact else rtol
    nonfinite = ~np.isfinite(actual)
    if np.any(nonfinite):
        i = int(np.flatnonzero(nonfinite.reshape(-1))[0])
        return Mismatch(f"entry {i} of the gradient is {actual.reshape(-1)[i]}, but the exact gradient there is "
                        f"{truth.reshape(-1)[i]:.10g}", where=f"the result at index [{i}]")
    top = float(np.max(np.abs(truth), initial=0.0))
    reach = np.full(truth.shape, top) if exact else np.maximum(np.abs(truth), floor * top)
    err = np.abs(actual - truth)
    bad = ~(err <= tol * reach)  # NaN-safe: a NaN error is bad
    if not np.any(bad):
        return None
    i = int(np.argmax(np.where(bad, err / np.where(reach > 0, reach, 1.0), -1.0).reshape(-1)))
    a, t, r = actual.reshape(-1)[i], truth.reshape(-1)[i], reach.reshape(-1)[i]
    why = ("this function is quadratic, so a central difference matches its gradient up to rounding"
           if exact else f"a central difference is within {tol:g} of it")
    shown, truth_shown = apart(a, t)
    return Mismatch(f"the gradient: {int(np.sum(bad))} of {actual.size} entries are off; entry {i} is {shown} "
                    f"where the exact gradient is {truth_shown} (relative error {abs(a - t) / r:.2g}; {why})",
                    where=f"the result at index [{i}]", max_abs=float(abs(a - t)), max_rel=float(abs(a - t) / r))
