"""From what happened in a test to its status, message and hint (autograde/plugin/outcome.py):
hints that fit what happened, and no path of the grading machine in a learner's message."""

from __future__ import annotations

from autograde.errors import Frame, MissingModule, NotAttempted, StudentException, StudentLoadError, StudentTimeout
from autograde.i18n.text import render
from autograde.plugin import outcome
from autograde.results import Status


def classify(exc, marker_hint):
    """:func:`outcome.classify` with its message and hint written in English."""
    status, message, hint = outcome.classify(exc, marker_hint)
    return status, render(message), render(hint) or None

TOP_LEVEL = ("Run `python perceptron.py` yourself to see the problem. Code at the top level of the file runs on "
             'import: keep experiments inside functions or under `if __name__ == "__main__":`.')


def test_a_syntax_error_gets_a_hint_about_its_line_not_about_code_run_on_import():
    cause = StudentException("import perceptron", "SyntaxError", "'(' was never closed (perceptron.py, line 4)",
                             (Frame("perceptron.py", 4, "<module>", "return (x > 0"),))
    status, message, hint = classify(StudentLoadError("perceptron.py", cause), "the marker's hint")
    assert status is Status.ERROR
    assert message == (
        "perceptron.py could not be imported, so none of its functions could be tested.\n"
        "When importing perceptron.py, your code raised SyntaxError: '(' was never closed (perceptron.py, line 4)\n"
        "Traceback (your code only):\n"
        '  File "perceptron.py", line 4, in <module>\n'
        "    return (x > 0"
    )
    assert hint == ("Python could not read line 4 of perceptron.py, so none of the file ran: fix the line shown "
                    "(a missing bracket, quote or colon is often reported on the line after it, so look at the "
                    "line above it too).")
    indented = StudentException("import perceptron", "IndentationError", "unexpected indent", ())
    assert classify(StudentLoadError("perceptron.py", indented), None)[2] == (
        "Python could not read perceptron.py, so none of the file ran: fix the line the error names (a missing "
        "bracket, quote or colon is often reported on the line after it, so look at the line above it too).")


def test_code_that_raised_or_hung_at_import_gets_the_top_level_hint():
    raised = StudentException("import perceptron", "ZeroDivisionError", "division by zero",
                              (Frame("perceptron.py", 9, "<module>", "print(1 / 0)"),))
    assert classify(StudentLoadError("perceptron.py", raised), None)[2] == TOP_LEVEL
    assert classify(StudentLoadError("perceptron.py", StudentTimeout("import perceptron", 10.0)), None)[2] == TOP_LEVEL


def test_a_missing_module_names_no_path_of_the_grading_machine():
    status, message, hint = classify(MissingModule("keras_models", "/home/instructor/class3/kim"), "the marker's")
    assert (status, message, hint) == (Status.NOT_ATTEMPTED, "There is no keras_models.py in your submission.",
                                       "Start from the stub exercises/keras_models.py.")


def test_a_constant_still_the_stubs_is_not_attempted():
    message = "`GATES` is not filled in yet: every gate still has the stub's weights (0, 0) and bias 0."
    assert classify(NotAttempted(message), "the marker's hint") == (Status.NOT_ATTEMPTED, message, None)


def test_a_stub_function_is_not_attempted_and_an_exception_is_an_error():
    stub = StudentException("softmax(array([1.]))", "NotImplementedError", "not written yet", ())
    assert classify(stub, "hint") == (
        Status.NOT_ATTEMPTED, "`softmax` is not written yet: it still raises NotImplementedError.", None)
    raised = StudentException("softmax(array([1.]))", "ValueError", "bad axis", (Frame("a.py", 3, "softmax", "x.max(2)"),))
    assert classify(raised, "hint") == (
        Status.ERROR, "When calling softmax(array([1.])), your code raised ValueError: bad axis\n"
        "Traceback (your code only):\n  File \"a.py\", line 3, in softmax\n    x.max(2)", "hint")
