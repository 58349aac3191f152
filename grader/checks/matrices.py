"""Problem scales for the matrices topic (the others it uses live in grader.checks.vectors)."""

from __future__ import annotations

import numpy as np

from grader.checks.core import CheckContext, scale
from grader.checks.vectors import first_inputs


@scale("cross_terms")
def cross_terms_scale(ctx: CheckContext) -> float:
    """max|a| * max|b|: each entry of a x b is a difference of two such products."""
    a, b = first_inputs(ctx, 2)
    return float(max(np.max(np.abs(a), initial=0.0) * np.max(np.abs(b), initial=0.0), np.finfo(float).tiny))
