"""One cause, said once: tests of an exercise that did not pass alike are one problem in the
terminal, the feedback, Gradescope and the job summary; hidden tests keep their details."""

from __future__ import annotations

import io
from typing import Callable

from rich.console import Console

from autograde.reporters import feedback, gradescope, grouping, terminal
from autograde.reporters.visibility import HIDDEN_DETAILS, Audience
from autograde.results import Result, Status, TestResult

from .conftest import hand_result, make_row

BROKEN = ("perceptron.py could not be imported, so none of its functions could be tested.\n"
          "When importing perceptron.py, your code raised SyntaxError: '(' was never closed")
HINT = "Run `python perceptron.py` yourself to see the problem."


def broken(name: str, points: float = 1.0, *, hidden: bool = False) -> TestResult:
    return TestResult(name, 0.0, points, Status.ERROR, BROKEN, hint=HINT, hidden=hidden)


SYNTAX = (broken("test_step_values", 2), broken("test_and"), broken("test_or"),
          TestResult("test_ok", 1.0, 1.0, Status.PASSED),
          TestResult("test_xor", 0.0, 1.0, Status.FAILED, "XOR is not linear"),
          broken("test_big", hidden=True), broken("test_bigger", hidden=True))


def printed(result: Result, width: int = 100) -> str:
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    terminal.render(result, console)
    return console.export_text()


def test_problems_group_what_reads_the_same_and_keep_hidden_tests_apart() -> None:
    found = grouping.problems(SYNTAX, statuses=terminal.DETAILED)
    assert [[t.name for t in p.tests] for p in found] == [
        ["test_step_values", "test_and", "test_or"], ["test_xor"], ["test_big", "test_bigger"]]
    assert [p.shared for p in found] == [True, False, True]
    assert found[0].shown == SYNTAX[0]
    assert found[2].shown.message == HIDDEN_DETAILS and found[2].shown.hint is None
    # staff see the hidden tests' messages, which are the public ones': one problem
    staff = grouping.problems(SYNTAX, statuses=terminal.DETAILED, audience=Audience.STAFF)
    assert [len(p.tests) for p in staff] == [5, 1]


def test_hidden_tests_that_failed_differently_are_never_one_problem() -> None:
    tests = (TestResult("test_a", 0, 1, Status.FAILED, "expected SECRET_1", hidden=True),
             TestResult("test_b", 0, 1, Status.FAILED, "expected SECRET_2", hidden=True))
    assert [len(p.tests) for p in grouping.problems(tests, statuses=terminal.DETAILED)] == [1, 1]


def test_the_terminal_says_a_shared_problem_once_with_the_tests_it_cost() -> None:
    text = printed(hand_result(*SYNTAX))
    assert text.count("SyntaxError") == 1 and text.count(HINT) == 1
    assert """\
╭─ ! perceptron: 3 tests with the same problem ────────────────────────────────────────────────────╮
│ perceptron.py could not be imported, so none of its functions could be tested.                   │
│ When importing perceptron.py, your code raised SyntaxError: '(' was never closed                 │
│ Hint: Run `python perceptron.py` yourself to see the problem.                                    │
│ These are the tests it cost:                                                                     │
│   test_step_values: error, 0 / 2 points                                                          │
│   test_and: error, 0 / 1 points                                                                  │
│   test_or: error, 0 / 1 points                                                                   │
╰──────────────────────────────────────────────────────────────────────────────────────────────────╯
╭─ ✗ perceptron::test_xor (failed) ────────────────────────────────────────────────────────────────╮
│ XOR is not linear                                                                                │
╰──────────────────────────────────────────────────────────────────────────────────────────────────╯
╭─ ! perceptron: 2 tests with the same problem ────────────────────────────────────────────────────╮
│ hidden test: details are not shown                                                               │
│ These are the tests it cost:                                                                     │
│   test_big (hidden): error, 0 / 1 points                                                         │
│   test_bigger (hidden): error, 0 / 1 points                                                      │
╰──────────────────────────────────────────────────────────────────────────────────────────────────╯
""" in text


def table(result: Result) -> str:
    return "\n".join(line.rstrip() for line in printed(result).splitlines()) + "\n"


def test_a_missing_file_is_said_once_under_the_table() -> None:
    missing = "There is no losses.py in the submission."
    tests = tuple(TestResult(f"test_{i}", 0.0, 1.0, Status.NOT_ATTEMPTED, missing, hint="Start from the stub.")
                  for i in range(3))
    assert table(hand_result(*tests, exercise="losses")) == """\
losses  0 / 3
┏━━━┳━━━━━━━━┳━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃   ┃ test   ┃ points ┃ result        ┃
┡━━━╇━━━━━━━━╇━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ · │ test_0 │    0/1 │ not attempted │
│ · │ test_1 │    0/1 │ not attempted │
│ · │ test_2 │    0/1 │ not attempted │
└───┴────────┴────────┴───────────────┘
3 tests not attempted: There is no losses.py in the submission.
Total: 0 / 3 (0%)  (3 not attempted)
"""


def test_rows_that_wait_for_different_functions_keep_their_messages() -> None:
    tests = (TestResult("test_a", 0, 1, Status.NOT_ATTEMPTED, "`mse` is not written yet."),
             TestResult("test_b", 0, 1, Status.NOT_ATTEMPTED, "`mse` is not written yet."),
             TestResult("test_c", 0, 1, Status.NOT_ATTEMPTED, "`bce` is not written yet."))
    assert table(hand_result(*tests, exercise="losses")) == """\
losses  0 / 3
┏━━━┳━━━━━━━━┳━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃   ┃ test   ┃ points ┃ result                                   ┃
┡━━━╇━━━━━━━━╇━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ · │ test_a │    0/1 │ not attempted: `mse` is not written yet. │
│ · │ test_b │    0/1 │ not attempted: `mse` is not written yet. │
│ · │ test_c │    0/1 │ not attempted: `bce` is not written yet. │
└───┴────────┴────────┴──────────────────────────────────────────┘
Total: 0 / 3 (0%)  (3 not attempted)
"""


def test_long_lines_wrap_inside_the_box_on_a_soft_wrapping_console() -> None:
    hint = "Read every word of this hint, which is far longer than the box is wide, up to its very last word."
    console = Console(width=60, record=True, color_system=None, file=io.StringIO(), soft_wrap=True)
    terminal.render(hand_result(TestResult("test_a", 0, 1, Status.FAILED, "wrong", hint=hint)), console)
    boxed = " ".join(line.strip("│ ") for line in console.export_text().splitlines() if line.startswith("│"))
    assert f"Hint: {hint}" in boxed


def test_the_feedback_says_a_shared_problem_once() -> None:
    text = feedback.markdown(make_row("a", hand_result(*SYNTAX)))
    assert text.count("SyntaxError") == 1
    assert """\
### 3 tests with the same problem

```text
perceptron.py could not be imported, so none of its functions could be tested.
When importing perceptron.py, your code raised SyntaxError: '(' was never closed
```

**Hint:** Run `python perceptron.py` yourself to see the problem.

**These are the tests it cost:**

- test_step_values: error, 0 / 2 points
- test_and: error, 0 / 1 points
- test_or: error, 0 / 1 points

### test_xor (failed)

```text
XOR is not linear
```

### 2 tests with the same problem

hidden test: details are not shown

**These are the tests it cost:**

- test_big (hidden): error, 0 / 1 points
- test_bigger (hidden): error, 0 / 1 points
""" in text
    page = feedback.html(make_row("a", hand_result(*SYNTAX)))
    assert page.count("SyntaxError") == 1 and '<h3 class="error">3 tests with the same problem</h3>' in page


def test_gradescope_says_it_at_the_first_test_and_points_there_from_the_others() -> None:
    doc = gradescope.to_dict(make_row("a", hand_result(*SYNTAX)))
    outputs = {t["name"].split(" › ")[1]: t["output"] for t in doc["tests"]}
    assert outputs["test_step_values"] == (
        f"```text\n{BROKEN}\n```\n\n**Hint:** Run `python perceptron.py` yourself to see the problem.\n\n"
        "**These are the tests it cost:**\n\n- test_step_values: error, 0 / 2 points\n- test_and: error, 0 / 1 points\n"
        "- test_or: error, 0 / 1 points\n")
    assert outputs["test_and"] == outputs["test_or"] == (
        "This test did not pass for the same reason as test_step_values, whose output says why.\n")
    assert outputs["test_bigger"] == (
        "This test did not pass for the same reason as test_big (hidden), whose output says why.\n")
    assert outputs["test_ok"] == "" and outputs["test_xor"] == "```text\nXOR is not linear\n```\n"


def test_a_real_syntax_error_is_one_box_and_one_section(grade_sources: Callable[..., Result]) -> None:
    result = grade_sources({"perceptron": "def step(x):\n    return (x > 0\n"})
    tests = result.exercises[0].tests
    assert len(tests) > 3 and {t.status for t in tests} == {Status.ERROR}
    text = printed(result, width=200)
    assert text.count("SyntaxError") == 1
    assert f"perceptron: {len(tests)} tests with the same problem" in text
    assert feedback.markdown(make_row("a", result)).count("SyntaxError") == 1
