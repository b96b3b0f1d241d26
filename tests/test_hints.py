"""Feedback that fits what happened (issue 15), graded end to end in the sandbox: the
softmax hints, a warning said once, every failing function of a loop in one message,
an untouched GATES read as not attempted, step's differing elements, a syntax error's
hint, and no path of the grading machine in a missing module's message."""

from __future__ import annotations

import re

from autograde.results import Status
from conftest import results_by_test, solution_source

OVERFLOW = ("Your result contains nan: np.exp overflowed to inf and inf / inf is nan. Subtract the maximum along "
            "the axis first: np.exp(x - x.max(axis=axis, keepdims=True)).")
UNDERFLOW = ("Your result contains nan where every exp of a slice became 0, and 0 / 0 is nan: that happens when a "
             "slice's values lie far below the maximum you subtracted, such as the maximum of the whole array. "
             "Subtract each slice's own maximum: np.exp(x - x.max(axis=axis, keepdims=True)).")
NOT_SUMMING = ("Along axis -1 the slices of your result do not sum to 1: take the maximum and the sum along that "
               "axis with keepdims=True, so that they broadcast against x: e / e.sum(axis=axis, keepdims=True).")


def _activations(grade_sources, extra: str):
    return results_by_test(grade_sources({"activations": solution_source("activations") + "\n\n" + extra}))


def test_softmax_is_told_of_an_overflow_only_where_exp_overflowed(grade_sources):
    global_max = _activations(grade_sources, '''
def softmax(x, axis=-1):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max())
    return e / e.sum(axis=axis, keepdims=True)
''')
    assert global_max["activations::test_softmax_values"].status is Status.PASSED
    assert global_max["activations::test_softmax_large_logits"].hint == UNDERFLOW
    no_shift = _activations(grade_sources, '''
def softmax(x, axis=-1):
    e = np.exp(np.asarray(x, dtype=float))
    return e / e.sum(axis=axis, keepdims=True)
''')
    assert no_shift["activations::test_softmax_large_logits"].hint == OVERFLOW


def test_finite_softmax_wrong_along_the_rows_is_told_of_the_axis(grade_sources):
    whole = _activations(grade_sources, '''
def softmax(x, axis=-1):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max())
    return e / e.sum()
''')
    for test in ("test_softmax_values", "test_softmax_large_logits"):
        assert whole[f"activations::{test}"].hint == NOT_SUMMING


def test_a_naive_sigmoids_overflow_warning_is_said_once(grade_sources):
    test = _activations(grade_sources, '''
def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))
''')["activations::test_sigmoid_extreme_inputs"]
    assert test.status is Status.FAILED
    lines = test.message.splitlines()
    assert lines[1:] == ["  your code raised 1 warning(s):", lines[2]]
    assert re.fullmatch(r"    RuntimeWarning: overflow encountered in exp \(.*activations\.py:\d+\)", lines[2])
    assert test.warnings == ()  # the message shows it: not listed a second time beside it
    assert test.hint == "Large inputs must not overflow: compute with exp(-|x|), which never exceeds 1."


def test_every_function_that_fails_integer_input_is_reported_at_once(grade_sources):
    test = _activations(grade_sources, '''
def sigmoid(x):
    x = np.asarray(x)
    return 1.0 / (1.0 + np.exp(-x)) if x.dtype.kind == "f" else (x > 0).astype(x.dtype)

def tanh(x):
    x = np.asarray(x)
    return np.tanh(x).astype(x.dtype)
''')["activations::test_dtypes_and_shapes"]
    assert test.status is Status.FAILED
    assert test.message == (
        "2 of the 6 checks of this test failed; here is each of them:\n"
        "\n"
        "When calling sigmoid(array([[-2, -1, 0], [ 1, 2, 3]])):\n"
        "  your function returned an array of dtype int64 (integer); expected float values (dtype float64).\n"
        "\n"
        "When calling tanh(array([[-2, -1, 0], [ 1, 2, 3]])):\n"
        "  your function returned an array of dtype int64 (integer); expected float values (dtype float64)."
    )
    assert test.hint.startswith("Return arrays of the input's shape, and floats also for integer input")


def test_untouched_gates_are_not_attempted_and_wrong_gates_name_their_outputs(grade_sources):
    stub = solution_source("perceptron") + '''
GATES = {"AND": (np.zeros(2), 0.0), "NAND": (np.zeros(2), 0.0), "OR": (np.zeros(2), 0.0)}
'''
    test = results_by_test(grade_sources({"perceptron": stub}))["perceptron::test_gates_table"]
    assert (test.status, test.message, test.hint) == (
        Status.NOT_ATTEMPTED,
        "`GATES` is not filled in yet: every gate still has the stub's weights (0, 0) and bias 0.", None)
    partly = solution_source("perceptron") + '''
GATES = dict(GATES, NAND=(np.zeros(2), 0.0), OR=(np.zeros(2), 0.0))
'''
    test = results_by_test(grade_sources({"perceptron": partly}))["perceptron::test_gates_table"]
    assert test.status is Status.FAILED  # AND is filled in: an attempt, whose two wrong gates are both named
    assert test.message.startswith(
        "2 of the 3 checks of this test failed; here is each of them:\n\n"
        "When calling perceptron(all four inputs, *GATES['NAND']):\n"
        "  the outputs of GATES['NAND']: 3 / 4 elements differ (75%).\n")
    assert "\n\nWhen calling perceptron(all four inputs, *GATES['OR']):\n" in test.message
    wrong = solution_source("perceptron") + '''
GATES = dict(GATES, NAND=(np.array([0.5, 0.5]), -0.7))
'''
    test = results_by_test(grade_sources({"perceptron": wrong}))["perceptron::test_gates_table"]
    assert test.status is Status.FAILED
    assert test.message == (
        "When calling perceptron(all four inputs, *GATES['NAND']):\n"
        "  the outputs of GATES['NAND']: 4 / 4 elements differ (100%).\n"
        "  Largest absolute difference: 1.0 at index (0,)\n"
        "  Largest relative difference: 1.0 at index (0,)\n"
        "  expected: array([1, 1, 1, 0])\n"
        "  got:      array([0, 0, 0, 1])"
    )


def test_step_shows_the_elements_that_differ_not_two_equal_summaries(grade_sources):
    source = solution_source("perceptron") + '''
def step(x):
    return (np.asarray(x) >= 0).astype(np.int64)
'''
    test = results_by_test(grade_sources({"perceptron": source}))["perceptron::test_step_values"]
    assert test.message.splitlines()[1:] == [
        "  5 / 20 elements differ (25%).",
        "  Largest absolute difference: 1.0 at index (0,)",
        "  Largest relative difference: not defined, since the expected value is 0 wherever the values differ",
        "  First difference at index (0,): expected 0, got 1",
        "  At the 5 indices that differ, (0,), (4,), (8,), (12,), (16,):",
        "  expected: array([0, 0, 0, 0, 0])",
        "  got:      array([1, 1, 1, 1, 1])",
    ]


def test_a_syntax_error_is_told_which_line_to_fix(grade_sources):
    tests = grade_sources({"perceptron": "import numpy as np\n\n\ndef step(x):\n    return (x > 0\n"}).exercises[0].tests
    assert {t.status for t in tests} == {Status.ERROR}
    assert re.fullmatch(
        r"Python could not read line 5 of \S*perceptron\.py, so none of the file ran: fix the line shown \(a missing "
        r"bracket, quote or colon is often reported on the line after it, so look at the line above it too\)\.",
        tests[0].hint)


def test_a_missing_module_shows_no_path_of_the_grading_machine(grade_sources):
    result = grade_sources({"activations": solution_source("activations")}, exercises=("activations", "losses"))
    losses = {e.name: e for e in result.exercises}["losses"]
    assert {t.message for t in losses.tests} == {"There is no losses.py in your submission."}
