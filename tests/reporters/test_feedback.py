"""Per-student feedback: exact Markdown, escaped HTML, hidden tests kept hidden."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from autograde.gradebook import Row, RowStatus
from autograde.reporters import feedback, visibility
from autograde.results import ExerciseResult, Status, TestResult

from .conftest import FULL, UNREADABLE, WRONG, hand_result, make_row

STEP = TestResult("test_step_values", 0.0, 2.0, Status.FAILED, "When calling step(x):\n  expected 0, got 1",
                  hint="use x > 0 and `astype`", output="hi <b>\n", warnings=("RuntimeWarning: overflow",))
PASSED = TestResult("test_ok", 1.0, 1.0, Status.PASSED)
HIDDEN = TestResult("test_big", 0.0, 1.0, Status.FAILED, "When calling step(SECRET_INPUT)", hint="SECRET_HINT",
                    output="SECRET_OUTPUT", hidden=True, warnings=("SECRET_WARNING",))


class Tags(HTMLParser):
    """The elements of a page and its text, as a browser's parser sees them."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_markdown_says_what_happened_and_hides_hidden_details() -> None:
    row = make_row("김민수", hand_result(STEP, PASSED, HIDDEN, notes=("skipped a %magic line",)))
    assert feedback.markdown(row) == """\
# Feedback for 김민수

**Total:** 1 / 4 (25%)

**While reading your submission:**

- skipped a %magic line

## perceptron: 1 / 4

| test | outcome | points |
| --- | --- | --- |
| test_step_values | failed | 0 / 2 |
| test_ok | passed | 1 / 1 |
| test_big (hidden) | failed | 0 / 1 |

### test_step_values (failed)

```text
When calling step(x):
  expected 0, got 1
```

**Hint:** use x \\> 0 and `astype`

**Your code printed:**

```text
hi <b>
```

**Warnings from your code:**

- RuntimeWarning: overflow

### test_big (failed)

hidden test: details are not shown
"""


def test_html_is_one_escaped_offline_page_with_the_same_content() -> None:
    row = make_row("<img src=x onerror=alert(1)>", hand_result(STEP, PASSED, HIDDEN))
    page = feedback.html(row)
    parsed = Tags(page)
    assert "img" not in parsed.tags and "script" not in parsed.tags
    assert parsed.tags.count("tr") == 4 and parsed.tags.count("pre") == 2
    text = "".join(parsed.text)
    for shown in ("Feedback for <img src=x onerror=alert(1)>", "When calling step(x):\n  expected 0, got 1",
                  "use x > 0 and astype", "hi <b>", "RuntimeWarning: overflow", "test_big (hidden)",
                  visibility.HIDDEN_DETAILS):
        assert shown in text
    assert "<p><strong>Hint:</strong> use x &gt; 0 and <code>astype</code></p>" in page  # our code span is code
    assert "SECRET" not in page
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "http://" not in page and "https://" not in page and " src=" not in page.replace("src=x", "")


def test_learner_output_with_a_script_stays_text(rows: list[Row]) -> None:
    row = next(r for r in rows if r.student == WRONG)
    page = feedback.html(row)
    assert "script" not in Tags(page).tags
    assert "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;" in page
    assert "<script>alert('pwned')</script>" in "".join(Tags(page).text)


def test_real_hidden_tests_never_show_their_messages(rows: list[Row]) -> None:
    row = next(r for r in rows if r.student == WRONG)
    hidden = [t for e in row.result.exercises for t in e.tests if t.hidden and t.status is not Status.PASSED]
    assert hidden
    markdown, page = feedback.markdown(row), feedback.html(row)
    for test in hidden:
        assert test.message not in markdown and escape(test.message) not in page
    assert markdown.count(visibility.HIDDEN_DETAILS) == page.count(visibility.HIDDEN_DETAILS) == len(hidden)


def test_a_row_that_was_not_graded_says_why(rows: list[Row]) -> None:
    row = next(r for r in rows if r.student == UNREADABLE)
    text = feedback.markdown(row)
    assert "**Not graded:** Your submission could not be read, so every test scored 0.\n" \
           "cannot read 'broken.zip': not a zip file" in text
    assert text.startswith("# Feedback for broken\n\n**Total:** 0 / ")


def test_public_only_results_say_hidden_tests_will_count() -> None:
    text = feedback.markdown(make_row("a", hand_result(PASSED, hidden_run=False)))
    assert ("These were the public tests. Your instructor will also run 2 hidden tests on these exercises, so "
            "passing here is necessary but not sufficient.") in text


def test_exercise_notes_are_shown_when_the_result_has_them() -> None:
    @dataclass(frozen=True)
    class NotedExercise(ExerciseResult):
        notes: tuple[str, ...] = ()

    result = hand_result(PASSED)
    noted = make_row("a", result.__class__(**{**result.__dict__, "exercises": (
        NotedExercise("perceptron", (PASSED,), notes=("cell 3 failed: NameError",)),)}))
    assert "## perceptron: 1 / 1\n\n- cell 3 failed: NameError\n\n| test |" in feedback.markdown(noted)


def test_a_message_with_backticks_gets_a_longer_fence() -> None:
    test = TestResult("test_x", 0.0, 1.0, Status.FAILED, "got ```x``` and `y`")
    assert "````text\ngot ```x``` and `y`\n````" in feedback.markdown(make_row("a", hand_result(test)))


def test_write_makes_a_file_per_student_and_format(rows: list[Row], tmp_path: Path) -> None:
    written = feedback.write(rows, tmp_path)
    assert [p.name for p in written] == [
        "Lee, _Jay_.md", "Lee, _Jay_.html", "broken.md", "broken.html", "stub_student.md", "stub_student.html",
        "김민수.md", "김민수.html"]
    assert (tmp_path / "김민수.md").read_text(encoding="utf-8") == feedback.markdown(
        next(r for r in rows if r.student == FULL))
    assert [p.name for p in feedback.write(rows[:1], tmp_path / "md", formats=("md",))] == ["Lee, _Jay_.md"]


def test_an_unknown_format_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match=r"^unknown feedback format\(s\) 'pdf': use md or html$"):
        feedback.write([], Path("unused"), formats=("md", "pdf"))
