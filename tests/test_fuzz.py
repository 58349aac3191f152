"""Any value a learner's function returns is a learner outcome (issue 14).

For every exercise of the course, arbitrary returned values (nested and ragged lists, strings, 0-d and
complex arrays, object arrays, NaN and infinities, huge arrays, ndarray subclasses) go the way a real
answer goes: through the learner process's conversion and the wire, then every case's check and
mistake rules (`judge`), then every report format. None may escape as a grader fault: no exception,
no "invalid exercise definition", and each verdict is a learner's (passed, failed or error).
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from conftest import EXERCISES
from grader.catalog import load_catalog
from grader.grading import expected_for, load_reference
from grader.judging import judge
from grader.inputs import Case, build_cases
from grader.report import FORMATS, ReportOptions, formatter
from grader.results import RunReport, Status
from grader.sandbox import wire
from grader.sandbox.client import CaseOutcome, Raised, RunOutcome
from grader.sandbox.learner_process import to_plain

CATALOG = load_catalog(EXERCISES)
SEED = 7
CASES = 3
LEARNER_STATUSES = {Status.PASSED, Status.FAILED, Status.ERROR}

DTYPES = st.sampled_from([np.float64, np.float32, np.int64, np.int8, np.complex128, np.bool_, np.uint8])
SCALARS = st.one_of(
    st.integers(min_value=-(2 ** 70), max_value=2 ** 70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.complex_numbers(allow_nan=True, allow_infinity=True),
    st.booleans(), st.text(max_size=4), st.none(),
    st.sampled_from([np.float64("nan"), np.complex64(1 - 2j), np.int32(-5), np.float16(1e4), np.str_("x")]),
)
def _matrix(rows: list[list[float]]) -> np.ndarray:
    """An np.matrix, as a learner may return one (numpy's PendingDeprecationWarning for making it is not ours)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        return np.matrix(rows)


ARRAYS = st.one_of(
    hnp.arrays(DTYPES, hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=5)),
    hnp.arrays(np.float64, hnp.array_shapes(min_dims=0, max_dims=2, max_side=4),
               elements=st.sampled_from([np.nan, np.inf, -np.inf, 0.0, 1e308, -1e-308, 1.0])),
    hnp.arrays(np.dtype("U3"), hnp.array_shapes(min_dims=0, max_dims=2, max_side=3)),
)
ODD = st.sampled_from([
    np.array(1 + 2j), np.array(np.nan), np.array("text"), np.array(None, dtype=object),
    np.array([1, [2, 3]], dtype=object), np.array([[1.0, 2.0], [3.0, 4.0]], dtype=object),
    np.ma.masked_array([1.0, 2.0, 3.0], mask=[0, 1, 0]), _matrix([[1.0, 2.0], [3.0, 4.0]]),
    np.zeros((700, 700)), np.full((300, 3), np.nan), np.ones((2, 0, 3)),
    np.array([(1, 2.0)], dtype=[("a", "i4"), ("b", "f8")]),
    [[1.0, 2.0], [3.0]], [[1.0, 2.0], [3.0, 4.0]], (1.0, "two", None), [[[[]]]], [],
])
VALUES = st.recursive(st.one_of(SCALARS, ARRAYS, ODD),
                      lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner)),
                      max_leaves=12)


@lru_cache(maxsize=None)
def prepared(exercise_id: str) -> tuple[Any, list[Case], list[Any]]:
    """The exercise, a few of its cases and the reference's answers (computed once)."""
    ex = CATALOG.exercises[exercise_id]
    cases = build_cases(ex, SEED, CASES)
    reference = load_reference(ex)
    return ex, cases, [expected_for(ex, reference, c) for c in cases]


def as_received(index: int, value: Any) -> CaseOutcome:
    """What the grader receives when the learner's function returns value: converted and sent over the
    wire as the learner's process does it."""
    try:
        blobs: list[bytes] = []
        tree = wire.encode(to_plain(value), blobs)
    except wire.Unrepresentable as exc:
        return CaseOutcome(index, "value", unrepresentable=str(exc))
    except Exception as exc:  # noqa: BLE001 - in the learner's process this is the learner's exception
        return CaseOutcome(index, "raised", raised=Raised(type(exc).__name__, str(exc)))
    return CaseOutcome(index, "value", value=wire.decode(tree, blobs))


@pytest.mark.parametrize("exercise_id", sorted(CATALOG.exercises))
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(value=VALUES)
def test_any_returned_value_is_a_learner_outcome(exercise_id: str, value: Any) -> None:
    ex, cases, expected = prepared(exercise_id)
    outcome = RunOutcome(tuple(as_received(i, value) for i in range(len(cases))))
    result = judge(ex, ex.path, SEED, cases, expected, outcome)
    assert result.status in LEARNER_STATUSES, (result.status, result.message)
    assert "definition" not in result.message.lower(), result.message
    report = RunReport((result,), SEED)
    for name in FORMATS:
        text = formatter(name)(report, ReportOptions())
        assert isinstance(text, str) and text, name


def test_the_known_escapes_are_learner_outcomes() -> None:
    """The two values of issue 14: a ragged list for low_rank_approximation, a 0-d complex determinant."""
    for exercise_id, value in (("low_rank_approximation", [[1.0, 2.0], [3.0]]), ("determinant", np.array(1 + 2j))):
        ex, cases, expected = prepared(exercise_id)
        outcome = RunOutcome(tuple(as_received(i, value) for i in range(len(cases))))
        result = judge(ex, ex.path, SEED, cases, expected, outcome)
        assert result.status is Status.FAILED, (exercise_id, result.message)
        for name in FORMATS:
            assert formatter(name)(RunReport((result,), SEED), ReportOptions())


def test_nan_never_passes() -> None:
    """A NaN answer (or NaN entries) fails every exercise whose answer is a number or an array of them."""
    for exercise_id in sorted(CATALOG.exercises):
        ex, cases, expected = prepared(exercise_id)
        values = [np.full(np.shape(e.value), np.nan) if isinstance(e.value, np.ndarray) else float("nan")
                  for e in expected if isinstance(e.value, (float, np.ndarray))
                  and np.asarray(e.value).dtype.kind in "fc"]
        for value in values[:1]:
            outcome = RunOutcome(tuple(as_received(i, value) for i in range(len(cases))))
            result = judge(ex, ex.path, SEED, cases, expected, outcome)
            assert result.status is not Status.PASSED, (exercise_id, result.message)
