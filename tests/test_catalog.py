"""The shipped course as a contract: the 40 exercises of CURRICULUM.md, each proven by `grade validate`'s proofs.

For every exercise: the reference passes its own check over several seeds, other valid answers
pass, wrong mutants fail, every mistake rule fires on its mistake and never on a correct answer,
and the stub grades as not_implemented.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from conftest import EXERCISES

# id -> (topic, function, parameters), from CURRICULUM.md's table
CURRICULUM = {
    "vector_arithmetic": ("vectors", ["a", "b"]),
    "dot_product": ("vectors", ["a", "b"]),
    "cosine_similarity": ("vectors", ["a", "b"]),
    "vector_projection": ("vectors", ["a", "b"]),
    "matmul": ("matrices", ["A", "B"]),
    "cross_product": ("matrices", ["a", "b"]),
    "batch_matmul": ("matrices", ["X", "W"]),
    "determinant": ("determinant", ["A"]),
    "slogdet": ("determinant", ["A"]),
    "triangle_area": ("determinant", ["p", "q", "r"]),
    "eig_symmetric": ("eigen", ["A"]),
    "power_iteration": ("eigen", ["A", "num_iters"]),
    "eigvals_2x2": ("eigen", ["A"]),
    "lp_norm": ("norms", ["x", "p"]),
    "frobenius_norm": ("norms", ["A"]),
    "spectral_norm": ("norms", ["A"]),
    "normalize_rows": ("norms", ["X"]),
    "lu_decompose": ("factorization", ["A"]),
    "qr_decompose": ("factorization", ["A"]),
    "cholesky": ("factorization", ["A"]),
    "svd": ("svd", ["A"]),
    "low_rank_approximation": ("svd", ["A", "k"]),
    "condition_number": ("svd", ["A"]),
    "pinv": ("pseudoinverse", ["A"]),
    "least_squares": ("pseudoinverse", ["A", "b"]),
    "min_norm_solution": ("pseudoinverse", ["A", "b"]),
    "hadamard": ("hadamard", ["A", "B"]),
    "glu": ("hadamard", ["x", "W", "V"]),
    "masked_mean": ("hadamard", ["X", "mask"]),
    "entropy": ("entropy", ["p", "base"]),
    "cross_entropy": ("entropy", ["p", "q"]),
    "softmax_entropy": ("entropy", ["logits"]),
    "kl_divergence": ("kl_divergence", ["p", "q"]),
    "js_divergence": ("kl_divergence", ["p", "q"]),
    "gaussian_kl": ("kl_divergence", ["mu", "logvar"]),
    "gradient_descent": ("gradient_descent", ["grad", "x0", "lr", "steps"]),
    "linear_regression_gd": ("gradient_descent", ["X", "y", "lr", "epochs"]),
    "minibatch_sgd": ("gradient_descent", ["X", "y", "lr", "epochs", "batch_size", "seed"]),
    "numerical_gradient": ("gradient_descent", ["f", "x", "h"]),
    "momentum_step": ("gradient_descent", ["w", "v", "grad", "lr", "beta"]),
}
SHIPPED = sorted(p.stem for p in EXERCISES.rglob("*.yaml"))


def test_the_course_is_the_curriculum(course: Any) -> None:
    assert not course.problems, [str(p) for p in course.problems]
    assert set(course.exercises) == set(CURRICULUM), set(course.exercises) ^ set(CURRICULUM)
    assert len({ex.topic for ex in course.exercises.values()}) == 12


@pytest.mark.parametrize("exercise_id", SHIPPED)
def test_contract(exercise_id: str, course: Any) -> None:
    ex = course.get(exercise_id)
    topic, params = CURRICULUM[exercise_id]
    assert (ex.topic, ex.function, list(ex.args)) == (topic, exercise_id, params)
    namespace: dict[str, Any] = {}
    exec(compile(ex.stub.read_text(), str(ex.stub), "exec"), namespace)  # noqa: S102 - our own stub
    stub = namespace[ex.function]
    assert list(inspect.signature(stub).parameters) == params
    assert inspect.getdoc(stub), "the stub's docstring states the task"
    assert len(ex.hints) >= 2


@pytest.mark.parametrize("exercise_id", SHIPPED)
def test_proven(exercise_id: str, course: Any, grader: Any) -> None:
    from grader.validate import prove

    proof = prove(course.get(exercise_id), seeds=4, grader=grader)
    assert not proof.problems, "\n".join(str(p) for p in proof.problems)
    assert proof.cases >= 20, "at least 20 random cases by default"
