"""Pictures: `--plot FILE.png` for a failing gradient-descent case and a matrix answer, and
`grade batch --report report.html` (written, decodes, parses, self-contained)."""

from __future__ import annotations

import html.parser
from pathlib import Path

import pytest

from conftest import EXERCISES, SOLUTIONS, run_grade

mpimg = pytest.importorskip("matplotlib.image")  # the `[notebook]` extra, in the `test` extra too
np = pytest.importorskip("numpy")

COURSE = Path(__file__).resolve().parent / "scenarios_classroom" / "course" / "exercises"


def decoded(path: Path) -> "np.ndarray":
    image = mpimg.imread(str(path))
    assert image.ndim == 3 and image.shape[0] > 100 and image.shape[1] > 100
    assert float(np.std(image[..., :3])) > 0.01, "the picture is blank"
    return image


def test_plot_of_a_failing_gradient_descent_case_is_a_loss_curve_png(tmp_path: Path) -> None:
    out = tmp_path / "loss.png"
    proc = run_grade("gradient_descent", "--file", str(SOLUTIONS / "gradient_descent" / "mistake_ascent.py"),
                     "--cases", "3", "--seed", "5", "--plot", str(out))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "uphill" in proc.stdout  # the report is unchanged by --plot
    assert f"wrote {out} (loss curves, case " in proc.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = decoded(out)
    red = (image[..., 0] > 0.6) & (image[..., 1] < 0.4) & (image[..., 2] < 0.4)
    green = (image[..., 1] > 0.5) & (image[..., 0] < 0.4)
    assert red.sum() > 50 and green.sum() > 50, "both curves (yours, reference) are drawn"


def test_plot_of_a_failing_regression_case(tmp_path: Path) -> None:
    out = tmp_path / "lr.png"
    proc = run_grade("linear_regression_gd", "--file",
                     str(SOLUTIONS / "linear_regression_gd" / "mistake_sum_not_mean.py"),
                     "--cases", "2", "--seed", "2", "--plot", str(out))
    assert proc.returncode == 1 and "loss curves" in proc.stderr, proc.stderr
    decoded(out)


def test_plot_of_a_matrix_answer_is_a_heat_map_of_the_difference(tmp_path: Path) -> None:
    wrong = SOLUTIONS / "matmul" / "mistake_transposed.py"
    out = tmp_path / "diff.png"
    proc = run_grade("matmul", "--file", str(wrong), "--cases", "2", "--seed", "3", "--plot", str(out))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "heat map of the difference" in proc.stderr, proc.stderr
    decoded(out)


def test_no_picture_for_a_passing_file(tmp_path: Path) -> None:
    out = tmp_path / "none.png"
    proc = run_grade("gradient_descent", "--file", str(SOLUTIONS / "gradient_descent" / "correct_loop.py"),
                     "--cases", "2", "--plot", str(out))
    assert proc.returncode == 0 and "no picture" in proc.stderr and not out.exists()


class Page(html.parser.HTMLParser):
    """Collects what the test checks: tags, ids, outside references, text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.sources: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("src", "href") and value is not None:
                self.sources.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_batch_report_html(tmp_path: Path) -> None:
    klass = tmp_path / "class"
    right = (SOLUTIONS / "determinant" / "correct_gauss.py").read_text()
    flipped = right + "\n\n_right = determinant\n\n\ndef determinant(A):\n    return -_right(A)\n"
    for name, source in {"ada": right, "bob": flipped, "cy": flipped,
                         "dee": (COURSE / "determinant" / "determinant.py").read_text()}.items():
        (klass / name / "determinant").mkdir(parents=True)
        (klass / name / "determinant" / "determinant.py").write_text(source)
    report = tmp_path / "report.html"
    proc = run_grade("batch", str(klass), "--exercises", str(COURSE), "-o", str(tmp_path / "g.csv"),
                     "--report", str(report), "--jobs", "1", "--cases", "3", timeout=300)
    assert proc.returncode == 0, proc.stderr
    page = Page()
    page.feed(report.read_text(encoding="utf-8"))
    page.close()
    text = " ".join(page.text)
    assert {"scores", "mistakes", "slowest"} <= page.ids
    assert "Score distribution per exercise" in text and "Most common mistakes" in text
    assert "Slowest exercises" in text and "median seconds" in text
    assert "sign_flipped" in text and "the sign is flipped" in text
    mistakes = text.split("Most common mistakes", 1)[1].split("Slowest exercises", 1)[0].split()
    assert mistakes[mistakes.index("sign_flipped") - 2] == "2"  # two submissions made it
    assert "4 submissions" in text
    assert "passed 1" in text and "failed 2" in text and "not_implemented 1" in text  # determinant's statuses
    assert "img" in page.tags or "svg" in page.tags
    assert page.sources and all(s.startswith("data:image/png;base64,") for s in page.sources)
    assert "script" not in page.tags and "link" not in page.tags
