"""The one comparison helper and its message anatomy."""

from __future__ import annotations

import numpy as np
import pytest

from autograde.compare import (
    assert_close,
    assert_no_warnings,
    assert_unchanged,
    check,
    every_case,
    expect_raises,
    fail,
    not_attempted,
)
from autograde.compare import format as fmt
from autograde.errors import ConfigError, GradingFailure, NotAttempted, StudentException, StudentTimeout, ToleranceError
from autograde.sandbox.proxy import CallRecord, Warning_


def message(actual, expected, **kwargs) -> GradingFailure:
    with pytest.raises(GradingFailure) as caught:
        assert_close(actual, expected, **kwargs)
    return caught.value


def test_equal_values_pass_and_scalars_may_take_any_form():
    assert_close(np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-12]))
    for form in (0.5, np.float64(0.5), np.array(0.5), np.float32(0.5)):
        assert_close(form, 0.5)
    assert_close(1, np.array(1))
    assert_close((np.ones(2), 0.1), (np.ones(2), 0.1))
    assert_close(np.array([np.nan, np.inf]), np.array([np.nan, np.inf]))


def test_value_mismatch_message_has_the_fixed_anatomy():
    failure = message(np.array([[np.nan, 0.5, 0.5]]), np.array([[0.2, 0.3, 0.5]]), call="softmax(x)", hint="Subtract the max.")
    assert failure.text == (
        "When calling softmax(x):\n"
        "  2 / 3 elements differ (67%).\n"
        "  Largest absolute difference: nan at index (0, 0)\n"
        "  Largest relative difference: nan at index (0, 0)\n"
        "  expected: array([[0.2, 0.3, 0.5]])\n"
        "  got:      array([[nan, 0.5, 0.5]])"
    )
    assert failure.hint_text == "Subtract the max."
    assert str(failure).endswith("\nHint: Subtract the max.")


def test_shape_mismatch_is_reported_first_and_alone():
    failure = message(np.zeros(3), np.zeros((1, 3)), call="f(x)")
    assert failure.text == "When calling f(x):\n  your function returned shape (3,); expected shape (1, 3)."


def test_dtype_kind_mismatch():
    failure = message(np.zeros(2, dtype=bool), np.zeros(2, dtype=np.int64))
    assert failure.text == "your function returned an array of dtype bool (boolean); expected integer values (dtype int64)."


def test_int32_is_as_good_as_int64_and_float32_as_float64_kind():
    assert_close(np.array([1, 0], dtype=np.int32), np.array([1, 0]))
    assert_close(np.array([0.5], dtype=np.float32), np.array([0.5], dtype=np.float32))


def test_list_instead_of_array_and_array_instead_of_number():
    assert message([1, 2], np.zeros(2)).text == "your function returned a list ([1, 2]); expected a NumPy array of shape (2,)."
    assert message(np.zeros(2), 1.0).text == "your function returned an array of shape (2,) and dtype float64; expected a single number."


def test_scalar_difference_and_non_finite_note():
    assert message(0.5, 0.6).text == "your function returned 0.5; expected 0.6."
    assert message(float("nan"), 1.0).text == "your function returned nan; expected 1.0.\n(the result is not a finite number)"


def test_items_of_a_tuple_are_named():
    failure = message((np.ones(2), 0.0), (np.ones(2), 0.1))
    assert failure.text == "in item [1] of the result, your function returned 0.0; expected 0.1."
    failure = message((np.zeros(2), 0.1), (np.ones(2), 0.1))
    assert failure.text.startswith("in item [0] of the result, 2 / 2 elements differ (100%).")
    assert message([1.0], (1.0, 2.0)).text == "your function returned a list ([1.0]); expected a tuple of 2 items."


def test_large_arrays_are_summarised_with_the_first_difference():
    expected = np.arange(20.0)
    actual = expected.copy()
    actual[7] = 0.0
    failure = message(actual, expected)
    assert "First difference at index (7,): expected 7.0, got 0.0" in failure.text
    assert "expected: array(shape=(20,), dtype=float64, values 0.0..19.0)" in failure.text


def test_tolerances_depend_on_dtype_and_come_in_pairs():
    assert_close(np.float32(1.000001), np.float32(1.0))
    with pytest.raises(GradingFailure):
        assert_close(1.000001, 1.0)
    assert_close(1.001, 1.0, rtol=1e-2, atol=0.0)
    with pytest.raises(ToleranceError) as caught:
        assert_close(1.0, 1.0, rtol=1e-3)
    assert str(caught.value) == (
        "assert_close(rtol=0.001) has no atol: rtol and atol are given together or not at all; give atol as well, "
        "or neither to use the defaults for the expected value's dtype (autograde.compare.TOLERANCES)")
    assert isinstance(caught.value, ConfigError)  # the grader's author's mistake, not the learner's


def test_check_refuses_a_lone_tolerance_before_calling_the_learner():
    class Never:
        def call(self, *args, **kwargs):
            raise AssertionError("the learner's function was called")

    with pytest.raises(ToleranceError, match=r"^check\(atol=0\.5\) has no rtol: "):
        check(Never(), lambda x: x, 1.0, atol=0.5)


def test_hint_may_depend_on_what_was_observed():
    def nan_hint(got, expected):
        return "nan!" if np.isnan(got).any() else None

    assert message(np.array([np.nan]), np.array([1.0]), hint=nan_hint).hint_text == "nan!"
    assert message(np.array([2.0]), np.array([1.0]), hint=nan_hint).hint_text is None


def record(**changes) -> CallRecord:
    base = dict(call="f(array([1., 2.]))", value=None, warnings=(), mutated=(), duration_s=0.0)
    return CallRecord(**{**base, **changes})


def test_assert_unchanged_names_the_argument():
    assert_unchanged(record())
    with pytest.raises(GradingFailure) as caught:
        assert_unchanged(record(mutated=("argument 1",)))
    assert caught.value.text == (
        "When calling f(array([1., 2.])):\n  your function changed its input (argument 1) instead of leaving it as it was."
    )
    assert caught.value.hint_text.startswith("Work on a copy (x = x.copy())")


def test_assert_unchanged_says_the_graders_hint_where_it_knows_the_cause():
    with pytest.raises(GradingFailure) as caught:
        assert_unchanged(record(mutated=("argument 1",)), hint="dhs[:, t] is a view.")
    assert caught.value.hint_text == "dhs[:, t] is a view."


def test_assert_no_warnings_lists_them():
    assert_no_warnings(record())
    warning = Warning_("RuntimeWarning", "overflow encountered in exp", "activations.py", 12)
    with pytest.raises(GradingFailure) as caught:
        assert_no_warnings(record(warnings=(warning,)), hint="Use exp(-|x|).")
    assert caught.value.text == (
        "When calling f(array([1., 2.])):\n  your code raised 1 warning(s):\n"
        "    RuntimeWarning: overflow encountered in exp (activations.py:12)"
    )
    assert caught.value.hint_text == "Use exp(-|x|)."


class FakeFunction:
    """Stands in for a RemoteFunction: returns a fixed value."""

    def __init__(self, value):
        self.value = value

    def call(self, *args, **kwargs):
        return record(call=fmt.call("f", args, kwargs), value=self.value)


def test_check_compares_with_the_reference_on_copies():
    seen = []

    def reference(x):
        seen.append(x)
        x[0] = 99.0  # a reference that writes into its input must not affect the caller
        return np.array([1.0, 2.0])

    x = np.array([1.0, 2.0])
    assert check(FakeFunction(np.array([1.0, 2.0])), reference, x) is not None
    assert x.tolist() == [1.0, 2.0] and seen[0] is not x
    with pytest.raises(GradingFailure, match=r"When calling f\(array\(\[1., 2.\]\)\)"):
        check(FakeFunction(np.array([0.0, 2.0])), reference, x)


def test_fail_without_a_call():
    with pytest.raises(GradingFailure) as caught:
        fail("GATES should be a dict.", hint="Keep the stub's names.")
    assert caught.value.text == "GATES should be a dict."


def test_short_renders_small_and_large_values():
    assert fmt.short(np.array([1.0, 2.5])) == "array([1. , 2.5])"
    assert fmt.short(np.arange(100).reshape(10, 10)) == "array(shape=(10, 10), dtype=int64, values 0..99)"
    assert fmt.short(np.array([1, 2], dtype=np.int32)) == "array([1, 2], dtype=int32)"
    assert fmt.call("softmax", (np.array([1.0]),), {"axis": 0}) == "softmax(array([1.]), axis=0)"
    assert fmt.short("x" * 500).endswith("...") and len(fmt.short("x" * 500)) == 160


def test_dicts_are_compared_key_by_key():
    assert_close({"W": np.ones(2), "b": 0.5}, {"W": np.ones(2), "b": 0.5})
    failure = message({"W": np.zeros(2), "b": 0.5}, {"W": np.ones(2), "b": 0.5})
    assert failure.text.startswith("in item['W'] of the result, 2 / 2 elements differ (100%).")
    failure = message({"W": np.ones(2)}, {"W": np.ones(2), "b": 0.5})
    assert failure.text == "your function returned a dict ({'W': array([1., 1.])}); expected a dict with the keys ['W', 'b'] (found ['W'])."


class Raising:
    """Stands in for a RemoteFunction whose call raises a learner exception."""

    def __init__(self, exc):
        self.exc = exc

    def call(self, *args, **kwargs):
        raise self.exc


def test_expect_raises():
    from autograde.errors import Frame, StudentException

    own = StudentException("f(1)", "ValueError", "class 1 is too small", (Frame("s.py", 3, "f", "raise ValueError(msg)"),))
    assert expect_raises(Raising(own), "ValueError", own=True) is own
    library = StudentException("f(1)", "ValueError", "bad p", (Frame("s.py", 5, "f", "rng.binomial(1, p)"),))
    with pytest.raises(GradingFailure, match=r"a library call inside your code raised ValueError: bad p\n  \(at line 5"):
        expect_raises(Raising(library), "ValueError", own=True)
    with pytest.raises(GradingFailure, match=r"Expected ValueError: class 1 is too small for k=5."):
        expect_raises(Raising(library), "ValueError", own=True, reason="class 1 is too small for k=5")
    expect_raises(Raising(library), "ValueError")
    with pytest.raises(GradingFailure, match="your code raised TypeError: no\n  Expected ValueError."):
        expect_raises(Raising(StudentException("f(1)", "TypeError", "no")), "ValueError")
    with pytest.raises(StudentException):
        expect_raises(Raising(StudentException("f(1)", "NotImplementedError", "")), "ValueError")
    with pytest.raises(GradingFailure, match=r"your function returned a result instead of raising ValueError.\n  Expected ValueError.\n  It returned: 3"):
        expect_raises(FakeFunction(3), "ValueError")


# ---------------------------------------------------------------- messages that fit (issue 15)


def test_a_relative_difference_from_an_expected_zero_is_not_defined():
    # step's mistake at x == 0: expected 0, got 1. Dividing by 0 gave "inf", which says nothing.
    failure = message(np.array([1, 1, 0]), np.array([0, 1, 0]))
    assert failure.text == (
        "1 / 3 elements differ (33%).\n"
        "Largest absolute difference: 1.0 at index (0,)\n"
        "Largest relative difference: not defined, since the expected value is 0 wherever the values differ\n"
        "expected: array([0, 1, 0])\n"
        "got:      array([1, 1, 0])"
    )
    # Where some differing elements expect a number, the largest relative difference is theirs.
    failure = message(np.array([1.0, 3.0]), np.array([0.0, 2.0]))
    assert "Largest relative difference: 0.5 at index (1,)\n" in failure.text


def test_summaries_that_read_the_same_give_way_to_the_elements_that_differ():
    expected = np.tile([0, 1], 10)  # 20 elements: summarised as "values 0..1", like the mistake's
    got = expected.copy()
    got[[0, 4, 8]] = 1
    failure = message(got, expected, call="step(x)")
    assert failure.text == (
        "When calling step(x):\n"
        "  3 / 20 elements differ (15%).\n"
        "  Largest absolute difference: 1.0 at index (0,)\n"
        "  Largest relative difference: not defined, since the expected value is 0 wherever the values differ\n"
        "  First difference at index (0,): expected 0, got 1\n"
        "  At the 3 indices that differ, (0,), (4,), (8,):\n"
        "  expected: array([0, 0, 0])\n"
        "  got:      array([1, 1, 1])"
    )
    failure = message(1 - expected, expected)
    assert failure.text.splitlines()[4:] == [
        "At the first 12 of the 20 indices that differ, (0,), (1,), (2,), (3,), (4,), (5,), (6,), (7,), (8,), "
        "(9,), (10,), (11,):",
        "expected: array([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1])",
        "got:      array([1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0])",
    ]
    # Summaries that differ are shown as before.
    failure = message(np.arange(20) + 1, np.arange(20))
    assert failure.text.splitlines()[-2:] == [
        "expected: array(shape=(20,), dtype=int64, values 0..19)",
        "got:      array(shape=(20,), dtype=int64, values 1..20)",
    ]


def test_assert_no_warnings_shows_a_repeated_warning_once():
    overflow = Warning_("RuntimeWarning", "overflow encountered in exp", "activations.py", 12)
    divide = Warning_("RuntimeWarning", "invalid value encountered in divide", "activations.py", 13)
    with pytest.raises(GradingFailure) as caught:
        assert_no_warnings(record(warnings=(overflow, overflow, divide)))
    assert caught.value.text == (
        "When calling f(array([1., 2.])):\n  your code raised 3 warning(s):\n"
        "    RuntimeWarning: overflow encountered in exp (activations.py:12) (2 times)\n"
        "    RuntimeWarning: invalid value encountered in divide (activations.py:13)"
    )


def _cases(*outcomes):
    """Run an every_case block whose cases raise ``outcomes`` (None: the case passes)."""
    with every_case() as case:
        for outcome in outcomes:
            with case:
                if outcome is not None:
                    raise outcome


def test_every_case_reports_one_failure_as_it_is():
    wrong = GradingFailure("When calling tanh(x):\n  wrong", "Use np.tanh.")
    with pytest.raises(GradingFailure) as caught:
        _cases(None, wrong, None)
    assert caught.value is wrong
    _cases(None, None)  # nothing failed: nothing raised


def test_every_case_reports_every_failure_in_one_message():
    raised = StudentException("relu(x)", "TypeError", "bad operand", ())
    with pytest.raises(GradingFailure) as caught:
        _cases(GradingFailure("When calling sigmoid(x):\n  wrong dtype", "Return floats."), None, raised,
               GradingFailure("When calling tanh(x):\n  wrong values"),
               StudentException("softmax(x)", "NotImplementedError", "not written", ()))
    assert caught.value.text == (
        "4 of the 5 checks of this test failed; here is each of them:\n"
        "\n"
        "When calling sigmoid(x):\n  wrong dtype\n"
        "\n"
        "When calling relu(x), your code raised TypeError: bad operand\n"
        "\n"
        "When calling tanh(x):\n  wrong values\n"
        "\n"
        "`softmax` is not written yet: it still raises NotImplementedError."
    )
    assert caught.value.hint_text == "Return floats."


def test_every_case_of_an_untouched_stub_is_not_attempted():
    first = StudentException("identity(x)", "NotImplementedError", "not written", ())
    with pytest.raises(StudentException) as caught:
        _cases(first, StudentException("sigmoid(x)", "NotImplementedError", "not written", ()))
    assert caught.value is first


def test_every_case_stops_at_a_timeout():
    with pytest.raises(StudentTimeout):
        _cases(GradingFailure("wrong"), StudentTimeout("f(x)", 2.0), GradingFailure("never reached"))


def test_not_attempted_says_what_is_still_to_do():
    with pytest.raises(NotAttempted) as caught:
        not_attempted("`GATES` is not filled in yet.")
    assert caught.value.text == "`GATES` is not filled in yet."


def test_central_differences_of_a_cubic_leave_the_point_as_it_was():
    from autograde.compare import central_differences, relative_error

    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    before = x.copy()
    grad = central_differences(lambda v: float(np.sum(v ** 3)), x, h=1e-4)
    np.testing.assert_allclose(grad, 3 * x ** 2, rtol=1e-7)  # the error of a central difference is h**2 = 1e-8
    assert np.array_equal(x, before)
    assert relative_error(grad, 3 * x ** 2) < 1e-8
    assert relative_error(2 * grad, grad) == pytest.approx(1 / 3)
