"""Property tests of the comparison engine and the property checks (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from grader.checks import lookup
from grader.checks.core import CheckContext, allclose, close, items
from grader.mistakes import apply, invert
from grader.definition import FixOp

finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
shapes = hnp.array_shapes(min_dims=0, max_dims=3, max_side=5)


@given(hnp.arrays(np.float64, shapes, elements=finite))
def test_an_answer_equals_itself(x: np.ndarray) -> None:
    assert close(x, x.copy(), rtol=1e-9, atol=0.0) is None


@given(hnp.arrays(np.float64, shapes, elements=finite), st.data())
def test_closeness_is_symmetric(a: np.ndarray, data: st.DataObject) -> None:
    b = data.draw(hnp.arrays(np.float64, a.shape, elements=finite))
    assert (close(a, b, 1e-6, 1e-9) is None) == (close(b, a, 1e-6, 1e-9) is None)


@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=2, max_side=5),
                  elements=st.floats(0.5, 1e3)), st.data())
def test_a_perturbation_beyond_tolerance_fails_and_is_located(x: np.ndarray, data: st.DataObject) -> None:
    index = data.draw(st.tuples(*[st.integers(0, n - 1) for n in x.shape]))
    y = x.copy()
    y[index] *= 1 + 1e-6
    found = close(y, x, rtol=1e-9, atol=0.0)
    assert found is not None
    assert f"at index {list(index)}" in found.summary
    assert found.max_rel is not None and 5e-7 < found.max_rel < 2e-6


@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=1, max_side=6), elements=finite))
def test_a_column_where_a_vector_is_expected_is_a_shape_mismatch(x: np.ndarray) -> None:
    found = allclose(CheckContext({}, x, x.reshape(-1, 1)))
    assert found is not None and "wrong shape" in found.summary and str(x.shape) in found.summary


@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=2, max_side=5), elements=finite), st.data())
def test_nan_is_never_close_and_inf_must_match(x: np.ndarray, data: st.DataObject) -> None:
    y = x.copy()
    index = data.draw(st.tuples(*[st.integers(0, n - 1) for n in x.shape]))
    y[index] = data.draw(st.sampled_from([np.nan, np.inf, -np.inf]))
    assert close(y, x, rtol=1.0, atol=1e300) is not None
    assert close(x, y, rtol=1.0, atol=1e300) is not None


def test_tiny_values_are_not_swallowed_by_a_fixed_atol() -> None:
    assert allclose(CheckContext({}, np.array([1e-10]), np.array([3e-10]))) is not None
    assert allclose(CheckContext({}, np.array([1e-10, 2e-9]), np.array([1e-10, -4e-9]))) is not None


def test_a_complex_answer_is_real_when_its_imaginary_parts_are_within_the_tolerance() -> None:
    """np.prod(np.linalg.eigvals(A)) is a determinant with a rounding-size imaginary part: accepted where
    real is expected; an imaginary part beyond the tolerance is said as such, right real part or not."""
    expected = np.float64(-7.25)
    assert allclose(CheckContext({}, expected, np.complex128(-7.25 + 3e-16j))) is None
    for wrong in (np.complex128(-7.25 + 0.5j), np.complex128(2.0 + 0.5j)):
        found = allclose(CheckContext({}, expected, wrong))
        assert found is not None and "complex values where real ones are expected" in found.summary, found
    found = allclose(CheckContext({}, expected, np.complex128(2.0 + 1e-16j)))  # real part wrong, imag noise
    assert found is not None and "differs" in found.summary, found


@given(st.lists(finite, min_size=2, max_size=6))
def test_nested_lists_and_scalars_are_accepted(values: list[float]) -> None:
    arr = np.array(values)
    assert allclose(CheckContext({}, (arr, 3.0), [values, np.float64(3.0)])) is None
    exp, act = items(CheckContext({}, (arr, 3.0), (tuple(values), 3)))
    assert act[1].shape == ()


def symmetric(seed: int, n: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    lam = np.sort(rng.uniform(-1, 1, n)) + np.arange(n) * 0.2
    return (q * lam) @ q.T


@settings(max_examples=60)
@given(st.integers(0, 10_000), st.integers(2, 8), st.data())
def test_eigh_accepts_any_column_signs_and_rejects_rows(seed: int, n: int, data: st.DataObject) -> None:
    a = (lambda m: (m + m.T) / 2)(symmetric(seed, n))
    w, v = np.linalg.eigh(a)
    signs = np.array(data.draw(st.lists(st.sampled_from([-1.0, 1.0]), min_size=n, max_size=n)))
    check = lookup("eigh")
    ctx = CheckContext({"A": a}, (w, v), (w, v * signs))
    assert check(ctx) is None
    rows = ctx.with_actual((w, (v * signs).T))
    if n >= 3:  # at n = 2 a reflection can equal its transpose (NUMERICS.md §3)
        assert check(rows) is not None
    assert check(ctx.with_actual((w, v * 1.001))) is not None
    assert check(ctx.with_actual((w[::-1], v[:, ::-1]))) is not None


@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, max_side=4), elements=finite))
def test_fix_ops_undo_their_inverses(x: np.ndarray) -> None:
    for op in ("transpose", "negate", "reverse", "reverse_columns"):
        ops = (FixOp(op),)
        undo = invert(ops)
        assert undo is not None
        assert np.array_equal(apply(apply(x, undo), ops), x)
    ops = (FixOp("scale", factor=2.0),)
    assert np.allclose(apply(apply(x, invert(ops)), ops), x)
