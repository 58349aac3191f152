"""The wrong verdicts of issue 8, one test each: independently written learner code, graded for real.

Wrong answers must fail (on the degenerate case that breaks them); correct answers, including
iterative ones converged to about 1e-9 and code raising a subclass of the expected exception,
must pass on several seeds.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from conftest import SOLUTIONS

SEEDS = (11, 12)


def grade(grader: Any, course: Any, exercise: str, code: str, tmp_path: Path, seed: int) -> Any:
    """Grade learner code written to a real file."""
    file = tmp_path / f"{exercise}.py"
    file.write_text(textwrap.dedent(code))
    return grader.grade(course.get(exercise), file, seed)


def rejected(grader: Any, course: Any, exercise: str, code: str, tmp_path: Path, case: str) -> None:
    """The code fails on every seed, and the named edge case is among its failures."""
    for seed in SEEDS:
        result = grade(grader, course, exercise, code, tmp_path, seed)
        assert result.status.value != "passed", seed
        failing = {c.name for c in result.cases if not c.passed}
        assert f"edge-{case}" in failing, (seed, failing)


def accepted(grader: Any, course: Any, exercise: str, code: str, tmp_path: Path) -> None:
    """The code passes on every seed."""
    for seed in SEEDS:
        result = grade(grader, course, exercise, code, tmp_path, seed)
        failure = result.first_failure
        assert result.status.value == "passed", (seed, result.message, failure and (failure.name, failure.message))


ELIMINATION = """
    import numpy as np

    def eliminate(A):
        U = np.array(A, dtype=float)
        n = U.shape[0]
        sign = 1.0
        for k in range(n):
            p = k + int(np.argmax(np.abs(U[k:, k])))
            if p != k:
                U[[k, p]] = U[[p, k]]
                sign = -sign
            for i in range(k + 1, n):
                U[i, k:] -= U[i, k] / U[k, k] * U[k, k:]   # no guard: a zero pivot gives 0/0
        return sign, np.diag(U)
"""


def test_determinant_without_pivot_guard_is_rejected(grader: Any, course: Any, tmp_path: Path) -> None:
    code = ELIMINATION + """
    def determinant(A):
        sign, d = eliminate(A)
        return float(sign * np.prod(d))
    """
    rejected(grader, course, "determinant", code, tmp_path, "singular-zero-column")


def test_slogdet_without_pivot_guard_is_rejected(grader: Any, course: Any, tmp_path: Path) -> None:
    code = ELIMINATION + """
    def slogdet(A):
        sign, d = eliminate(A)
        sign = sign * np.prod(np.sign(d))
        if sign == 0:
            return 0.0, -np.inf
        return float(sign), float(np.sum(np.log(np.abs(d))))
    """
    rejected(grader, course, "slogdet", code, tmp_path, "singular-zero-column")


def test_eig_symmetric_by_eig_and_sort_is_rejected(grader: Any, course: Any, tmp_path: Path) -> None:
    code = """
    import numpy as np

    def eig_symmetric(A):
        w, V = np.linalg.eig(A)
        order = np.argsort(w.real)
        return w.real[order], V.real[:, order]
    """
    rejected(grader, course, "eig_symmetric", code, tmp_path, "repeated-eigenvalue")


def test_pinv_with_relative_cutoff_1e3_is_rejected(grader: Any, course: Any, tmp_path: Path) -> None:
    code = """
    import numpy as np

    def pinv(A):
        U, s, Vt = np.linalg.svd(A, full_matrices=False)
        keep = s > 1e-3 * s.max() if s.size else s > 0
        inv = np.zeros_like(s)
        inv[keep] = 1.0 / s[keep]
        return (Vt.T * inv) @ U.T
    """
    rejected(grader, course, "pinv", code, tmp_path, "singular-values-spanning-1e5")


def test_power_iteration_component_ratio_is_rejected(grader: Any, course: Any, tmp_path: Path) -> None:
    code = """
    import numpy as np

    def power_iteration(A, num_iters):
        rng = np.random.default_rng(0)
        v = rng.standard_normal(A.shape[0])
        v /= np.linalg.norm(v)
        for _ in range(num_iters):
            w = A @ v
            v = w / np.linalg.norm(w)
        return float((A @ v)[0] / v[0]), v
    """
    rejected(grader, course, "power_iteration", code, tmp_path, "dominant-eigenvector-zero-first-entry")


def test_spectral_norm_power_iteration_from_ones_is_rejected(grader: Any, course: Any, tmp_path: Path) -> None:
    code = """
    import numpy as np

    def spectral_norm(A):
        A = np.asarray(A, dtype=float)
        v = np.ones(A.shape[1]) / np.sqrt(A.shape[1])
        for _ in range(2000):
            w = A.T @ (A @ v)
            n = np.sqrt(w @ w)
            if n == 0:
                return 0.0
            v = w / n
        return float(np.sqrt((A @ v) @ (A @ v)))
    """
    rejected(grader, course, "spectral_norm", code, tmp_path, "all-ones-non-dominant-singular-vector")


def test_spectral_norm_without_zero_guard_is_rejected(grader: Any, course: Any, tmp_path: Path) -> None:
    code = """
    import numpy as np

    def spectral_norm(A):
        A = np.asarray(A, dtype=float)
        v = np.random.default_rng(1).standard_normal(A.shape[1])
        v /= np.sqrt(v @ v)
        for _ in range(2000):
            w = A.T @ (A @ v)
            v = w / np.sqrt(w @ w)      # 0/0 for the zero matrix
        return float(np.sqrt((A @ v) @ (A @ v)))
    """
    rejected(grader, course, "spectral_norm", code, tmp_path, "zero-matrix")


def test_condition_number_by_power_iteration_at_rel_error_1_4e8_is_accepted(grader: Any, course: Any,
                                                                            tmp_path: Path) -> None:
    # the exact ratio of singular values, off by a relative 1.4e-8 as a converged power/inverse iteration is
    code = """
    import numpy as np

    def condition_number(A):
        s = np.linalg.svd(np.asarray(A, dtype=float), compute_uv=False)
        return float(s[0] / s[-1] * (1 + 1.4e-8))
    """
    accepted(grader, course, "condition_number", code, tmp_path)


def test_hadamard_raising_a_valueerror_subclass_is_accepted(grader: Any, course: Any, tmp_path: Path) -> None:
    code = """
    import numpy as np

    class ShapeMismatch(ValueError):
        pass

    def hadamard(A, B):
        A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
        if A.shape != B.shape:
            raise ShapeMismatch(f"shapes {A.shape} and {B.shape} differ")
        return A * B
    """
    accepted(grader, course, "hadamard", code, tmp_path)


def test_hadamard_raising_an_unrelated_type_is_still_rejected(grader: Any, course: Any, tmp_path: Path) -> None:
    code = """
    import numpy as np

    class ValueError(Exception):   # same name, not the builtin: not a subclass of ValueError
        pass

    def hadamard(A, B):
        A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
        if A.shape != B.shape:
            raise ValueError("shapes differ")
        return A * B
    """
    for seed in SEEDS:
        assert grade(grader, course, "hadamard", code, tmp_path, seed).status.value != "passed"


def test_svd_with_columns_off_unit_length_by_2e10_is_accepted(grader: Any, course: Any, tmp_path: Path) -> None:
    code = """
    import numpy as np

    def svd(A):
        A = np.asarray(A, dtype=float)
        k = min(A.shape)
        w, v = np.linalg.eigh(A.T @ A)
        order = np.argsort(w)[::-1][:k]
        s = np.sqrt(np.maximum(w[order], 0.0))
        v = v[:, order]
        u = A @ v / s
        return u * (1 + 2e-10), s, v.T       # columns of U off unit length by 2e-10
    """
    accepted(grader, course, "svd", code, tmp_path)


def test_cholesky_factoring_in_place_is_accepted(grader: Any, course: Any, tmp_path: Path) -> None:
    code = """
    import numpy as np

    def cholesky(A):
        n = A.shape[0]
        for j in range(n):
            A[j, j] = np.sqrt(A[j, j] - A[j, :j] @ A[j, :j])
            for i in range(j + 1, n):
                A[i, j] = (A[i, j] - A[i, :j] @ A[j, :j]) / A[j, j]
        return np.tril(A)
    """
    accepted(grader, course, "cholesky", code, tmp_path)


def test_modifying_an_input_the_task_protects_is_rejected_after_the_answer(grader: Any, course: Any,
                                                                            tmp_path: Path) -> None:
    # normalize_rows says "do not modify X": in place is a failure; a wrong answer is reported as wrong first
    in_place = """
    import numpy as np

    def normalize_rows(X):
        n = np.linalg.norm(X, axis=1, keepdims=True)
        np.divide(X, n, out=X, where=n > 0)
        return X
    """
    result = grade(grader, course, "normalize_rows", in_place, tmp_path, 11)
    assert result.status.value == "failed"
    assert any(c.mistake_id == "mutated_input" for c in result.cases if not c.passed)
    wrong = """
    import numpy as np

    def normalize_rows(X):
        X *= 2.0
        return X
    """
    result = grade(grader, course, "normalize_rows", wrong, tmp_path, 11)
    first = result.first_failure
    assert first is not None and first.mistake_id != "mutated_input", first
    assert "changed its input" not in first.message


def test_an_installed_module_missing_at_run_time_is_explained() -> None:
    # a library function importing a module on first use, after the learner's process took its own uid: the
    # learner is told to name it in the file (which makes the sandbox import it first); nothing is imported here
    from grader.judging import installed_module_hint

    hint = installed_module_hint("ModuleNotFoundError", "No module named 'numpy.polynomial.laguerre'")
    assert "add `import numpy.polynomial.laguerre` at the top of your file" in hint
    assert installed_module_hint("ModuleNotFoundError", "No module named 'numpy.no_such_module'") == ""
    assert installed_module_hint("ModuleNotFoundError", "No module named 'reference.vectors'") == ""
    assert installed_module_hint("ImportError", "No module named 'numpy.polynomial'") == ""
    assert installed_module_hint("ModuleNotFoundError", "something else") == ""


def test_a_mistake_right_on_a_case_does_not_name_its_failure(grader: Any, course: Any, tmp_path: Path) -> None:
    """An entropy off by 1e-11 (an epsilon inside the log) fails the 1e-12 check. Where the base is e, the
    mistake "ignores the base" gives the right answer, and where p has no zero, "NaN at zero" does: the
    learner's answer is near those answers, but they explain no failure, so no case names them."""
    code = """
    import numpy as np

    def entropy(p, base=2.0):
        p = np.asarray(p, dtype=float)
        p = p / p.sum()
        return float(-np.sum(p * np.log(p + 1e-12)) / np.log(base))
    """
    for seed in range(4):
        result = grade(grader, course, "entropy", code, tmp_path, seed)
        assert result.status.value == "failed", seed
        named = {c.mistake_id for c in result.cases if not c.passed} - {None}
        assert not named, (seed, named)


@pytest.mark.parametrize("exercise, case, solution", [
    ("cosine_similarity", "both-short", "mistake_epsilon_in_lengths"),  # + 1e-12 added to |a| |b|
    ("vector_projection", "short-b", "mistake_epsilon_in_length"),  # + 1e-12 added to b . b
    ("cholesky", "tiny-scale", "wrong_absolute_cutoff"),  # "not positive definite" below 1e-10
    ("lu_decompose", "tiny-scale", "wrong_absolute_cutoff"),  # "singular" below 1e-10
    ("qr_decompose", "tiny-scale", "wrong_absolute_cutoff"),  # "dependent columns" below 1e-10
    ("power_iteration", "tiny-scale", "wrong_absolute_cutoff"),  # returns 0 when |A v| < 1e-10
    ("spectral_norm", "tiny-scale", "mistake_small_taken_for_zero"),  # returns 0 when |A^T A v| < 1e-10
])
def test_an_epsilon_or_an_absolute_cutoff_fails_on_every_seed(exercise: str, case: str, solution: str, grader: Any,
                                                             course: Any, tmp_path: Path) -> None:
    """Small inputs make an epsilon added to a length, or a cutoff that is not relative to the input's size,
    fail on a fixed case: before, the verdict depended on the seed's random lengths (or never failed)."""
    code = (SOLUTIONS / exercise / f"{solution}.py").read_text()
    for seed in range(4):
        result = grade(grader, course, exercise, code, tmp_path, seed)
        assert result.status.value != "passed", seed
        assert f"edge-{case}" in {c.name for c in result.cases if not c.passed}, seed


def test_a_tuple_returned_as_one_array_is_accepted(grader: Any, course: Any, tmp_path: Path) -> None:
    """np.array([sign, logdet]) converts with np.asarray to exactly the expected (sign, logdet)'s shape, as the
    curriculum accepts array-likes: it passes like the tuple; the transposed stack still fails."""
    accepted(grader, course, "slogdet", """
    import numpy as np

    def slogdet(A):
        sign, logdet = 1.0, 0.0
        U = np.array(A, dtype=float)
        for k in range(U.shape[0]):
            p = k + int(np.argmax(np.abs(U[k:, k])))
            if U[p, k] == 0:
                return np.array([0.0, -np.inf])
            if p != k:
                U[[k, p]] = U[[p, k]]
                sign = -sign
            sign *= np.sign(U[k, k])
            logdet += np.log(abs(U[k, k]))
            U[k + 1:] -= np.outer(U[k + 1:, k] / U[k, k], U[k])
        return np.array([sign, logdet])
    """, tmp_path)
    accepted(grader, course, "vector_arithmetic", """
    import numpy as np

    def vector_arithmetic(a, b):
        return np.array([a + b, a - b, a * b, a / b])
    """, tmp_path)
    result = grade(grader, course, "vector_arithmetic", """
    import numpy as np

    def vector_arithmetic(a, b):
        return np.column_stack([a + b, a - b, a * b, a / b])
    """, tmp_path, 11)
    assert result.status.value == "failed"


def test_a_source_in_a_declared_encoding_is_read_as_python_reads_it(grader: Any, course: Any, tmp_path: Path) -> None:
    """PEP 263: a first-line `# -*- coding: latin-1 -*-` makes a Latin-1 file valid Python, graded like any
    other (it was refused as not UTF-8); without the declaration the learner is told how to fix it."""
    body = b"import numpy as np\n\n\ndef vector_arithmetic(a, b):\n    return a + b, a - b, a * b, a / b\n"
    file = tmp_path / "vector_arithmetic.py"
    file.write_bytes(b"# -*- coding: latin-1 -*-\n# caf\xe9\n" + body)
    assert grader.grade(course.get("vector_arithmetic"), file, 11).status.value == "passed"
    file.write_bytes(b"# caf\xe9\n" + body)
    result = grader.grade(course.get("vector_arithmetic"), file, 11)
    assert result.status.value == "error"
    assert "not UTF-8 text" in result.message and "coding: latin-1" in result.message, result.message


@pytest.mark.parametrize("exercise, solution, wrong_label, right_label", [
    ("frobenius_norm", "wrong_sum_of_row_lengths.py", "entrywise_l1", None),  # equal on a diagonal 3-4-5 case only
    ("condition_number", "mistake_inf_norm.py", "one_norm", "inf_norm"),  # the two agree on a rotation
    ("glu", "wrong_nan_to_num_gate.py", "sigmoid_sign", None),  # a gate of 0 on a 1x1 case looks like a sign
    ("softmax_entropy", "mistake_not_finite_shift_by_min.py", "zero_times_log_zero", "not_finite"),  # NaN as NaN
    ("js_divergence", "wrong_geometric_mixture.py", "symmetrized_kl", None),  # inf as inf
    ("normalize_rows", "mistake_whole_matrix.py", "epsilon_in_norm", "whole_matrix"),  # one dominant row
])
def test_a_mistake_the_other_cases_contradict_is_not_named(exercise: str, solution: str, wrong_label: str,
                                                           right_label: str | None, grader: Any, course: Any) -> None:
    """A mistake that explains a failing case by coincidence, while the learner's other failing answers are not
    the mistake's (or are NaN where it gives numbers), was named: 'you added up the absolute values' for a sum of
    row lengths, 'p underflowed to 0' for a softmax shifted by its minimum. The other cases now rule it out."""
    for seed in (0, 2, 5):  # glu's coincidence shows on seeds 2 and 5
        result = grader.grade(course.get(exercise), SOLUTIONS / exercise / solution, seed)
        named = {c.mistake_id for c in result.cases if not c.passed}
        assert result.status.value == "failed" and wrong_label not in named, (seed, named)
        assert right_label is None or right_label in named, (seed, named)


@pytest.mark.parametrize("exercise, source", [
    ("cross_product", "import array\n\n\ndef cross_product(a, b):\n    return array.array('d', [a[1] * b[2] - a[2] * b[1], "
                      "a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]])\n"),
    ("cross_product", "import numpy as np\n\n\ndef cross_product(a, b):\n    return memoryview(np.array([a[1] * b[2] - "
                      "a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]))\n"),
    ("dot_product", "from fractions import Fraction\n\n\ndef dot_product(a, b):\n"
                    "    return sum((Fraction(x) * Fraction(y) for x, y in zip(a, b)), Fraction(0))\n"),
    ("dot_product", "from decimal import Decimal, localcontext\n\n\ndef dot_product(a, b):\n"
                    "    with localcontext() as ctx:\n        ctx.prec = 2000\n"
                    "        return sum((Decimal(x) * Decimal(y) for x, y in zip(a, b)), Decimal(0))\n"),
])
def test_array_likes_and_python_numbers_are_accepted(exercise: str, source: str, grader: Any, course: Any,
                                                     tmp_path: Path) -> None:
    """CURRICULUM: array-likes that np.asarray converts to the expected shape are accepted, and Python numbers.
    An array.array, a memoryview, a Fraction or a Decimal was 'a value of type array' (or Fraction): rejected."""
    path = tmp_path / f"{exercise}.py"
    path.write_text(source)
    for seed in SEEDS:
        result = grader.grade(course.get(exercise), path, seed)
        assert result.status.value == "passed", (seed, result.first_failure and result.first_failure.message)


def test_a_learners_own_method_of_a_banned_name_is_explained(grader: Any, course: Any, tmp_path: Path) -> None:
    """dot_product bans the .dot method; a pure-Python Vector class with its own .dot was told 'numpy.ndarray.dot
    is banned', in a file that never imports numpy."""
    path = tmp_path / "dot_product.py"
    path.write_text("class Vector:\n    def __init__(self, xs):\n        self.xs = list(xs)\n\n"
                    "    def dot(self, other):\n        return sum(x * y for x, y in zip(self.xs, other.xs))\n\n\n"
                    "def dot_product(a, b):\n    return float(Vector(a).dot(Vector(b)))\n")
    result = grader.grade(course.get("dot_product"), path, 0)
    assert result.status.value == "banned" and "the .dot method is banned" in result.message, result.message
    assert "numpy.ndarray" not in result.message and "give your own methods another name" in result.message
