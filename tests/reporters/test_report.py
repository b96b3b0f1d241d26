"""The class report: its numbers, its escaping, that it loads nothing, and that a real
browser renders it (headless Chromium: the DOM has the texts, the screenshot is a page)."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from autograde.gradebook import Row, RowStatus
from autograde.reporters import feedback, report
from autograde.results import Status, TestResult

from .conftest import FULL, UNREADABLE, WRONG, hand_result, make_row

TITLE = "Deep learning <week 5> & co"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync")


class Page(HTMLParser):
    """Elements, attributes and text of a page as a browser's parser sees them."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def joined(self) -> str:
        return " ".join(" ".join(self.text).split())


def cards(page: str) -> dict[str, str]:
    return {label: value for value, label in re.findall(
        r'<div class="value">([^<]*)</div><div class="label">([^<]*)</div>', page)}


def test_summary_counts_and_scores_over_graded_rows(rows: list[Row]) -> None:
    page = report.html(rows, title=TITLE)
    graded = [100 * r.result.score / r.result.max_score for r in rows if r.status is RowStatus.GRADED]
    assert cards(page) == {
        "students": "4", "graded": "3", "unreadable": "1", "crashed": "0", "timed out": "0",
        "mean score": f"{round(statistics.fmean(graded), 1):g}%",
        "median score": f"{round(statistics.median(graded), 1):g}%",
    }
    assert "<title>Deep learning &lt;week 5&gt; &amp; co</title>" in page
    assert "<h1>Deep learning &lt;week 5&gt; &amp; co</h1>" in page
    headings = ["Students", "Score distribution", "Exercises", "Tests", "Most common failures", "Timing"]
    assert re.findall(r"<h2>([^<]*)</h2>", page) == headings  # the students first, before ~150 test rows


def test_the_page_loads_nothing_from_anywhere(rows: list[Row]) -> None:
    page = report.html(rows, title=TITLE)
    assert "http://" not in page and "https://" not in page
    for tag, attrs in Page(page).tags:
        assert not {"src", "href", "srcset", "action"} & set(attrs), (tag, attrs)
        assert tag not in {"script", "link", "img", "iframe", "object", "embed"}
    assert "@import" not in page and "url(" not in page


def test_every_text_from_a_submission_is_escaped() -> None:
    evil = "<img src=x onerror=alert(1)>"
    test = TestResult(f"test_{evil}", 0.0, 1.0, Status.FAILED, f"got {evil}")
    rows = [make_row(evil, hand_result(test, exercise=evil)),
            make_row("b", hand_result(test), RowStatus.CRASHED, error=f"worker died: {evil}")]
    page = report.html(rows, title=evil)
    assert [tag for tag, _ in Page(page).tags if tag == "img"] == []
    assert page.count("&lt;img src=x onerror=alert(1)&gt;") >= 6


def test_histogram_has_ten_bins_of_percent() -> None:
    def row(name: str, score: float) -> Row:
        return make_row(name, hand_result(TestResult("test_a", score, 20.0,
                                                     Status.PASSED if score == 20 else Status.FAILED, "x")))
    page = report.html([row("a", 0.0), row("b", 11.0), row("c", 19.0), row("d", 20.0), row("e", 20.0)], title="t")
    titles = re.findall(r"<title>(\d+–\d+%): (\d+)</title>", page)
    assert titles == [("0–10%", "1"), ("10–20%", "0"), ("20–30%", "0"), ("30–40%", "0"), ("40–50%", "0"),
                      ("50–60%", "1"), ("60–70%", "0"), ("70–80%", "0"), ("80–90%", "0"), ("90–100%", "3")]
    heights = [float(h) for h in re.findall(r'<rect class="bar" [^>]*height="([\d.]+)"', page)]
    assert heights[9] == max(heights) and heights[0] == heights[5] == heights[9] / 3 and heights[1] == 0


def test_exercise_and_test_pass_rates(rows: list[Row]) -> None:
    text = Page(report.html(rows, title="t")).joined()
    # three graded rows: full marks, the stubs, and the mutants (which fail some perceptron tests)
    assert "test_step_values 2 1 / 3 33.3%" in text
    assert "perceptron test_step_large_random hidden 1 1 / 3 33.3%" in text
    assert "perceptron test_gates_table 2 2 / 3 66.7%" in text  # the stubs' GATES table is wrong
    full = next(r for r in rows if r.student == FULL).result.exercises[0]
    mean = statistics.fmean(r.result.exercises[0].score for r in rows if r.status is RowStatus.GRADED)
    passed = [t.status is Status.PASSED
              for r in rows if r.status is RowStatus.GRADED for t in r.result.exercises[0].tests]
    assert (f"perceptron {full.max_score:g} {round(mean, 2):g} {round(100 * mean / full.max_score, 1):g}% 33.3% "
            f"{round(100 * sum(passed) / len(passed), 1):g}%") in text


def test_common_failures_are_normalised_and_counted(rows: list[Row]) -> None:
    page = report.html(rows, title="t")
    text = Page(page).joined()
    assert ("1 When calling AND(#, #), your code raised ValueError: boom perceptron::test_gate_truth_tables[AND] (1)"
            in text)
    unreadable = next(r for r in rows if r.student == UNREADABLE)
    assert unreadable.error not in page.split("<h2>Timing</h2>")[0]  # an unreadable row is not a failing test


@pytest.mark.parametrize(("message", "key"), [
    ("When calling step(array(shape=(20,), dtype=float64)):\n  5 / 20 elements differ (25%).\n  more",
     "When calling step(array(shape=(#,), dtype=float#)): # / # elements differ (#%)."),
    ("timed out after 2.5 s", "timed out after # s"),
    ("got 1e-05\nsecond line", "got #"),
    ("", "(no message)"),
    ("x" * 200, "x" * 200),  # one sentence, however long, is never cut
    ("Your work could not be read, so no test could run: x.ipynb is not a readable notebook: broken JSON at line 3, "
     "column 9 (Unterminated string starting at); open it in Jupyter and save it again",
     "Your work could not be read, so no test could run: x.ipynb is not a readable notebook: broken JSON at line #, "
     "column # (Unterminated string starting at); open it in Jupyter and save it again"),
    ("First sentence of some length, " + "a" * 90 + ". Second sentence that no longer fits here. Third.",
     "First sentence of some length, " + "a" * 90 + ". …"),
    ("Short one. Another short one. " + "b" * 150 + ".", "Short one. Another short one. …"),
])
def test_normalise_message(message: str, key: str) -> None:
    assert report.normalise_message(message) == key


def test_common_failures_count_students_not_tests() -> None:
    missing = "There is no losses.py in the submission."
    alone = make_row("alone", hand_result(*(TestResult(f"test_{i}", 0, 1, Status.ERROR, missing) for i in range(12)),
                                          exercise="losses"))
    wrong = TestResult("test_0", 0, 1, Status.FAILED, "When calling mse(y, t): expected 0.5, got 1")
    pair = [make_row(name, hand_result(wrong, exercise="losses")) for name in ("a", "b")]
    text = Page(report.html([alone, *pair], title="t")).joined()
    assert ("students message (numbers as #) tests "
            "2 When calling mse(y, t): expected #, got # losses::test_0 (2) "
            "1 There is no losses.py in the submission. losses::test_0 (1), losses::test_1 (1), losses::test_2 (1) "
            "Timing") in text


def test_timing_lists_the_slowest_first() -> None:
    rows = [make_row(f"s{i}", hand_result(TestResult("test_a", 1.0, 1.0, Status.PASSED), duration_s=d))
            for i, d in enumerate([0.5, 3.0, 1.0, 2.0, 0.25, 4.0, 0.75])]
    text = Page(report.html(rows, title="t")).joined()
    assert "mean median max 1.64 s 1 s 4 s" in text
    assert text.endswith("student duration status s5 4 s graded s1 3 s graded s3 2 s graded s2 1 s graded "
                         "s6 0.75 s graded")


def test_students_link_to_the_feedback_written_beside_the_report(rows: list[Row], tmp_path: Path) -> None:
    feedback.write(rows[:2], tmp_path / "feedback")  # as grade --out does: feedback/, then report.html
    (tmp_path / "feedback" / "broken.html").unlink()  # only the Markdown file is there
    page = report.write(rows, tmp_path / "report.html", title="t").read_text(encoding="utf-8")
    assert re.findall(r'<a href="([^"]*)">([^<]*)</a>', page) == [
        ("feedback/Lee%2C%20_Jay_.html", "Lee, &quot;Jay&quot;"), ("feedback/broken.md", "broken")]
    for href, _ in re.findall(r'<a href="([^"]*)">([^<]*)</a>', page):
        assert (tmp_path / unquote(href)).is_file()
    assert "<a " not in report.html(rows, title="t")  # no feedback folder: no link


def test_students_table_lists_everyone_with_why_not_graded(rows: list[Row]) -> None:
    text = Page(report.html(rows, title="t")).joined()
    assert "broken 0 79 0% unreadable cannot read 'broken.zip': not a zip file" in text
    wrong = next(r for r in rows if r.student == WRONG)
    assert f'{WRONG} {wrong.result.score:g} 79 ' in text


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("AUTOGRADE_REQUIRE_BROWSER") == "1":
            pytest.fail("AUTOGRADE_REQUIRE_BROWSER=1 but no chromium on PATH: install Debian's chromium package")
        pytest.skip("chromium is not installed (Debian package: chromium)")
    return found


def test_the_report_renders_in_a_browser(rows: list[Row], tmp_path: Path) -> None:
    from PIL import Image

    browser = chromium()
    page = report.write(rows, tmp_path / "report.html", title=TITLE)
    base = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([*base, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=60,
                         check=True).stdout
    rendered = Page(dom).joined()
    for shown in ("Deep learning <week 5> & co", "Score distribution", "90–100%", "김민수", 'Lee, "Jay"',
                  "Most common failures", "When calling AND(#, #), your code raised ValueError: boom"):
        assert shown in rendered
    assert dom.count('<rect class="bar"') == report.BINS
    png = tmp_path / "report.png"
    subprocess.run([*base, f"--screenshot={png}", "--window-size=1280,2000", page.as_uri()], capture_output=True,
                   timeout=60, check=True)
    image = Image.open(png).convert("RGB")
    assert image.size == (1280, 2000)
    colours = image.getcolors(maxcolors=1 << 24) or []
    assert len(colours) > 50  # text, tables and bars; a blank page has one or two
    bar = tuple(int(report.BAR_COLOUR[i:i + 2], 16) for i in (1, 3, 5))
    assert sum(n for n, colour in colours if colour == bar) > 500  # the histogram's bars were painted
