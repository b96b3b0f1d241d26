"""The Markdown that learners read (the feedback file, Gradescope's output, the job summary)
rendered as CommonMark by markdown-it-py: our own code spans stay code, and what a learner
wrote stays text."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from autograde.ci import CiRun, Threshold
from autograde.ci.locate import Location
from autograde.reporters import feedback, github, gradescope
from autograde.results import ExerciseResult, Result, Status, TestResult

from .conftest import hand_result, make_row

LOAD_HINT = ("Run `python losses.py` yourself to see the problem. Code at the top level of the file runs on import: "
             'keep experiments inside functions or under `if __name__ == "__main__":`.')
HINT_HTML = ("<p><strong>Hint:</strong> Run <code>python losses.py</code> yourself to see the problem. Code at the "
             "top level of the file runs on import: keep experiments inside functions or under "
             "<code>if __name__ == &quot;__main__&quot;:</code>.</p>")
# What a learner may write: in an exception's message, a printed line, a file or their name.
EVIL = "bad *x* <script>alert(1)</script> `tick` __init__ [a](http://x) &amp; ~~gone~~ a_b"
EVIL_HTML = ("bad *x* &lt;script&gt;alert(1)&lt;/script&gt; `tick` __init__ [a](http://x) &amp;amp; ~~gone~~ "
             "a_b")
RAISED = f"When calling mse(y, t), your code raised ValueError: {EVIL}"
LOADING = TestResult("test_mse_values", 0.0, 2.0, Status.ERROR, RAISED, hint=LOAD_HINT)


def render(markdown: str) -> str:
    """HTML as a CommonMark renderer (with GitHub's tables and strikethrough) makes it."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


def test_a_hint_keeps_its_code_spans_in_the_feedback() -> None:
    page = render(feedback.markdown(make_row("a", hand_result(LOADING, exercise="losses"))))
    assert HINT_HTML in page
    assert "<em>" not in page and "\\" not in page


def test_learner_text_stays_text_in_the_feedback() -> None:
    result = hand_result(LOADING, exercise="losses", notes=(EVIL,))
    page = render(feedback.markdown(make_row(EVIL, result)))
    assert page.startswith(f"<h1>Feedback for {EVIL_HTML}</h1>\n")
    assert f"<li>{EVIL_HTML}</li>" in page
    assert (f'<pre><code class="language-text">When calling mse(y, t), your code raised ValueError: {EVIL_HTML}\n'
            "</code></pre>") in page
    for markup in ("<em>", "<script>", "<a ", "<del>", "<s>", "<code>tick</code>"):
        assert markup not in page


def test_gradescope_output_renders_the_same() -> None:
    doc = gradescope.to_dict(make_row("a", hand_result(LOADING, exercise="losses")))
    page = render(doc["tests"][0]["output"])
    assert HINT_HTML in page
    assert "<em>" not in page and "<script>" not in page and "\\" not in page


def test_the_job_summary_keeps_code_spans_and_learner_text_inert() -> None:
    result = Result(submission="repo", exercises=(ExerciseResult("losses", (LOADING,)),), hidden_tests_run=False,
                    hidden_tests_not_run=0, environment={}, graded_at="2026-11-23T09:00:00+00:00", duration_s=1.0,
                    notes=(EVIL,))
    run = CiRun(result=result, locations={("losses", LOADING.name): Location("exercises/l`s.py", 3, "mse")},
                threshold=Threshold(100, True), tampered=("graders/*x*.py",), base="f" * 40)
    page = render(github.summary(run))
    assert HINT_HTML in page
    assert "<p><code>mse</code> in <code>exercises/l`s.py</code> line 3</p>" in page
    assert "<li><code>graders/*x*.py</code></li>" in page
    assert f"<li>{EVIL_HTML}</li>" in page
    assert "<em>" not in page and "<script>" not in page and "<del>" not in page


@pytest.mark.parametrize("text", [
    "__name__", "test_step_values", "x_ and _y", "- a list?", "1. first", "2) second", "+ plus", "===",
    "a heading?\n---", "a <b>tag</b> &amp; an entity", "C:\\path\\*", "| a | b |", "# title", "~~struck~~",
])
def test_markdown_text_is_literal(text: str) -> None:
    shown = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert render(feedback.markdown_text(text)) == f"<p>{shown}</p>\n"


@pytest.mark.parametrize(("text", "html"), [
    ("use ``a`b`` and ` x `", "use <code>a`b</code> and <code>x</code>"),
    ("a lone ` stays", "a lone ` stays"),
    ("`` `tick` ``", "<code>`tick`</code>"),
    ("`*x*` but *y*", "<code>*x*</code> but *y*"),
])
def test_our_code_spans_render_as_code(text: str, html: str) -> None:
    assert render(feedback.markdown_with_code(text)) == f"<p>{html}</p>\n"
