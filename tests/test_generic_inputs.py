"""`gen: random`, the generic input language: what it draws, the three shipped exercises rewritten in it
(drawn from the same distributions as their former Python generators), and its mistakes reported with
file, line and field."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import numpy as np
import pytest
from scipy import stats

from conftest import run_grade
from grader import generators
from grader.generators.generic import plan_for

DRAWS = 1500
FORMER = {  # the generate: lines these exercises had before the rewrite, with the same parameters
    "vector_arithmetic": ("vector_pair", {"n": [1, 10], "nonzero_b": True}),
    "dot_product": ("angled_pair", {"n": [1, 30], "scales": [1.0e-3, 1.0e3], "special": 0.25}),
    "frobenius_norm": ("mixed_matrix_norms", {"m": [2, 8], "n": [2, 8], "scales": [1.0e-2, 1.0e2]}),
}


def draw(name: str, params: dict[str, Any], seed: int, count: int = DRAWS) -> list[dict[str, Any]]:
    """count cases from a generator, each from its own seeded stream."""
    func = generators.lookup(name)
    return [func(np.random.default_rng([seed, i]), **params) for i in range(count)]


def random_spec(text: str) -> dict[str, Any]:
    import yaml

    spec = yaml.safe_load(text)
    spec.pop("gen")
    return spec


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(abs(a @ b) / (np.linalg.norm(a) * np.linalg.norm(b)))


# statistics per exercise: name -> function of one case (a number or a hashable category)
STATISTICS: dict[str, dict[str, Callable[[dict[str, Any]], Any]]] = {
    "vector_arithmetic": {
        "shape": lambda c: c["a"].shape,
        "log10 max|a|": lambda c: np.log10(np.max(np.abs(c["a"]))),
        "log10 max|b|": lambda c: np.log10(np.max(np.abs(c["b"]))),
        "min|b| / max|b|": lambda c: np.min(np.abs(c["b"])) / np.max(np.abs(c["b"])),
        "share of negative a": lambda c: np.mean(c["a"] < 0),
        "share of negative b": lambda c: np.mean(c["b"] < 0),
        "same shape": lambda c: c["a"].shape == c["b"].shape,
    },
    "dot_product": {
        "shape": lambda c: c["a"].shape,
        "log10 max|a|": lambda c: np.log10(np.max(np.abs(c["a"]))),
        "log10 max|b|": lambda c: np.log10(np.max(np.abs(c["b"]))),
        "|cos(a, b)|": lambda c: cosine(c["a"], c["b"]),
        "relation": lambda c: ("parallel" if cosine(c["a"], c["b"]) > 1 - 1e-9 and c["a"].size > 1 else
                               "orthogonal" if cosine(c["a"], c["b"]) < 1e-9 else "general"),
        "max|a| / ||a||": lambda c: np.max(np.abs(c["a"])) / np.linalg.norm(c["a"]),
    },
    "frobenius_norm": {
        "shape": lambda c: c["A"].shape,
        "log10 max|A|": lambda c: np.log10(np.max(np.abs(c["A"]))),
        "largest entry negative": lambda c: bool(c["A"].reshape(-1)[np.argmax(np.abs(c["A"]))] < 0),
        "both signs": lambda c: bool(np.any(c["A"] > 0) and np.any(c["A"] < 0)),
        "entries / max|A|": lambda c: float(np.median(c["A"] / np.max(np.abs(c["A"])))),
        "share of negative entries": lambda c: np.mean(c["A"] < 0),
    },
}


def same_distribution(old: list[Any], new: list[Any]) -> float:
    """p-value that two samples come from one distribution: chi-square on categories, Kolmogorov-Smirnov
    on numbers (1.0 when both samples are one and the same constant)."""
    if isinstance(old[0], (tuple, bool, str, np.bool_)):
        cats = sorted({*map(str, old), *map(str, new)})
        if len(cats) == 1:
            return 1.0
        table = np.array([[sum(str(x) == c for x in sample) for c in cats] for sample in (old, new)])
        return float(stats.chi2_contingency(table + 1)[1])  # +1: no empty cells
    return float(stats.ks_2samp(np.asarray(old, float), np.asarray(new, float)).pvalue)


@pytest.mark.parametrize("exercise_id", sorted(FORMER))
def test_rewritten_exercise_draws_from_the_former_distributions(exercise_id: str, course: Any) -> None:
    ex = course.get(exercise_id)
    assert ex.generate.name == "random"
    old = draw(*FORMER[exercise_id], seed=1)
    new = draw("random", dict(ex.generate.params), seed=2)
    assert all(set(o) == set(n) for o, n in zip(old, new))
    for stat, func in STATISTICS[exercise_id].items():
        p = same_distribution([func(c) for c in old], [func(c) for c in new])
        assert p > 1e-3, f"{exercise_id}: {stat} differs (p = {p:.2g})"


def test_the_comparison_tells_different_distributions_apart(course: Any) -> None:
    """The same statistics reject a spec whose scale or shapes differ a little, so the test above can fail."""
    params = dict(course.get("frobenius_norm").generate.params)
    old = draw(*FORMER["frobenius_norm"], seed=1)
    wider_scale = {**params, "args": {"A": {**params["args"]["A"], "scale": [1.0e-2, 1.0e3]}}}
    wider_shapes = {**params, "sizes": {"m": [2, 8], "n": [2, 9]}}
    for changed, stat in ((wider_scale, "log10 max|A|"), (wider_shapes, "shape")):
        func = STATISTICS["frobenius_norm"][stat]
        new = draw("random", changed, seed=2)
        assert same_distribution([func(c) for c in old], [func(c) for c in new]) < 1e-6, stat


def test_every_kind_draws_what_it_says() -> None:
    spec = random_spec("""
gen: random
sizes: {n: [2, 6], m: [n + 1, 9], k: [1, "min(m, n)"]}
args:
  x: {normal: [n, 3], scale: 5}
  u: {uniform: [m], low: 2, high: 3}
  i: {integer: [1, n]}
  f: {float: [1.0e-3, 1.0e-1], log: true}
  c: {choice: [1, 2.5, [1, 2]], weights: [1, 0, 0]}
  A: {matrix: [m, n], cond: 50, rank: k}
  S: {symmetric: n, eigenvalues: [1, 2], gap: 0.01}
  P: {spd: n, cond: 1000}
  Q: {orthogonal: n}
  p: {probability: n, zeros: [1, n - 1]}
  o: {related: u, relation: orthogonal, scale: 3}
""")
    for seed in range(40):
        c = generators.lookup("random")(np.random.default_rng(seed), **spec)
        n, m = c["x"].shape[0], c["u"].shape[0]
        assert 2 <= n <= 6 and n + 1 <= m <= 9 and c["x"].shape == (n, 3)
        assert np.all((2 <= c["u"]) & (c["u"] <= 3))
        assert isinstance(c["i"], int) and 1 <= c["i"] <= n
        assert 1e-3 <= c["f"] <= 1e-1
        assert c["c"] == 1
        s = np.linalg.svd(c["A"], compute_uv=False)
        rank = int(np.sum(s > 1e-12 * s[0]))
        assert c["A"].shape == (m, n) and 1 <= rank <= min(m, n)
        assert rank == 1 or s[0] / s[rank - 1] == pytest.approx(50, rel=1e-8)
        lam = np.linalg.eigvalsh(c["S"])
        assert np.array_equal(c["S"], c["S"].T) and np.all((lam > 1 - 1e-12) & (lam < 2 + 1e-12))
        assert np.min(np.diff(lam)) >= 0.01 - 1e-12
        lam = np.linalg.eigvalsh(c["P"])
        assert lam[-1] / lam[0] == pytest.approx(1000, rel=1e-6)
        assert np.allclose(c["Q"].T @ c["Q"], np.eye(n))
        assert c["p"].sum() == pytest.approx(1) and 1 <= np.sum(c["p"] == 0) <= n - 1
        assert abs(c["o"] @ c["u"]) < 1e-9 * np.linalg.norm(c["u"]) and np.linalg.norm(c["o"]) == pytest.approx(3)


def test_same_seed_same_inputs() -> None:
    spec = random_spec("gen: random\nsizes: {n: [1, 50]}\nargs: {x: {normal: [n]}, A: {spd: n}}")
    one = generators.lookup("random")(np.random.default_rng(7), **spec)
    two = generators.lookup("random")(np.random.default_rng(7), **spec)
    assert all(np.array_equal(one[k], two[k]) for k in one)
    assert plan_for(spec["sizes"], spec["args"]) is plan_for(spec["sizes"], spec["args"])


RELU = """\
id: relu
topic: activations
title: The ReLU activation
task: Return max(x, 0) elementwise.
function: relu
args: [x]
stub: relu.py
reference: myref:relu
generate:
  gen: random
  sizes: {n: [1, 10]}
  args:
    x: {normal: [n], scale: [0.1, 10]}
cases: 12
check: {name: allclose}
hints: ["Compare each entry with 0.", "np.maximum(x, 0.0) does it in one call."]
"""


def relu_course(tmp_path: Path, generate: str) -> Path:
    """A one-exercise course whose generate: block is replaced."""
    folder = tmp_path / "exercises" / "activations"
    folder.mkdir(parents=True)
    head, _, tail = RELU.partition("generate:\n")
    tail = tail[tail.index("cases:"):]
    (folder / "relu.yaml").write_text(head + "generate:\n" + generate + tail)
    (folder / "relu.py").write_text('def relu(x):\n    """Return max(x, 0)."""\n    raise NotImplementedError\n')
    (tmp_path / "myref.py").write_text("import numpy as np\n\n\ndef relu(x):\n    return np.maximum(x, 0.0)\n")
    return tmp_path / "exercises"


MISTAKES = [
    ("  gen: random\n  args:\n    x: {normel: [3]}\n", 12, "generate > args > x > normel", "unknown key 'normel'"),
    ("  gen: random\n  args:\n    x: {normal: [n]}\n", 12, "generate > args > x", "unknown size 'n'"),
    ("  gen: random\n  sizes: {n: [1, 10]}\n  args:\n    x: {normal: [n], cond: 10}\n", 13,
     "generate > args > x > cond", "'normal' takes no option 'cond'"),
    ("  gen: random\n  sizes: {n: [1, 10]}\n  args:\n    y: {normal: [n]}\n", 13, "generate > args > y",
     "unknown argument 'y' (the function takes x)"),
    ("  gen: random\n  sizes:\n    n: [1, 10]\n    m: [n, 5]\n  args:\n    x: {normal: [m]}\n", 13,
     "generate > sizes > m", "the range [n, 5] is empty when n = 10"),
    ("  gen: random\n  sizes: {n: [1, 10]}\n  args:\n    x: {matrix: [n, n], rank: n + 1}\n", 13,
     "generate > args > x > rank", "the rank may be outside 1..1"),
    ("  gen: random\n  sizes: {n: [1, 10]}\n  args:\n    x: {spd: n, cond: 0.5}\n", 13,
     "generate > args > x > cond", "the condition number must be at least 1"),
    ("  gen: random\n  sizes: {n: [1, 10]}\n  args:\n    x: {normal: [n], scale: [10, 1]}\n", 13,
     "generate > args > x > scale", "the range [10, 1] is empty"),
    ("  gen: random\n  sizes: {n: [1, 10]}\n  args:\n    x: {normal: [n], uniform: [n]}\n", 13,
     "generate > args > x", "must have exactly one of: normal, uniform"),
    ("  gen: random\n  sizes: {n: [2, 40]}\n  args:\n    x: {symmetric: n, gap: 0.1}\n", 13,
     "generate > args > x > gap", "are too rare to draw"),
    ("  gen: random\n  sizes: {n: n + 1}\n  args:\n    x: {normal: [n]}\n", 11, "generate > sizes > n",
     "refers to itself: n -> n"),
    ("  gen: random\n  sizes: {n: [1, 10]}\n  args:\n    x: {probability: n, zeros: 2}\n", 13,
     "generate > args > x > zeros", "zeros may be outside 0..0"),
    ("  gen: random\n  sizes: {n: [1, 10], k: [1, min(n, 3)]}\n  args:\n    x: {normal: [n]}\n", 11,
     "generate > sizes > k", 'YAML splits min(m, n) at its comma, so quote it: "min(m, n)"'),
    ("  gen: random\n  sizes: {n: [1, 10]}\n  args:\n    x: {normal: [n ** 2]}\n", 13,
     "generate > args > x > normal > 0", "is not a size expression"),
]


@pytest.mark.parametrize("generate,line,field,message", MISTAKES, ids=[m[3][:30] for m in MISTAKES])
def test_a_mistake_is_reported_with_file_line_and_field(tmp_path: Path, generate: str, line: int, field: str,
                                                       message: str) -> None:
    root = relu_course(tmp_path, generate)
    proc = run_grade("validate", "--exercises", str(root), "--quick")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert f"relu.yaml:{line}: at {field}: " in proc.stdout and message in proc.stdout, proc.stdout


def test_a_valid_spec_passes_quick_validation(tmp_path: Path) -> None:
    root = relu_course(tmp_path, "  gen: random\n  sizes: {n: [1, 10]}\n  args:\n    x: {normal: [n]}\n")
    proc = run_grade("validate", "--exercises", str(root), "--quick")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ok      relu" in proc.stdout


def test_an_edge_case_may_use_the_language_too(tmp_path: Path) -> None:
    root = relu_course(tmp_path, "  gen: random\n  sizes: {n: [1, 10]}\n  args:\n    x: {normal: [n]}\n")
    text = (root / "activations" / "relu.yaml").read_text()
    edge = ("edge_cases:\n  - name: long\n    generate: {gen: random, args: {x: {uniform: [1000], low: -1}}}\n"
            "  - name: typo\n    generate: {gen: random, args: {x: {uniform: [3], low: 2}}}\n")
    (root / "activations" / "relu.yaml").write_text(text.replace("check:", edge + "check:"))
    proc = run_grade("validate", "--exercises", str(root), "--quick")
    assert proc.returncode == 1, proc.stdout
    assert "relu.yaml:19: at edge_cases > 1 > generate > args > x > low: low (2) exceeds high (1.0)" in proc.stdout
    assert proc.stdout.count("error:") == 1, proc.stdout
