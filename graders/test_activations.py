"""Grader: activations (활성화 함수) — non-linearities and their derivatives."""

import numpy as np
import pytest

from autograde.compare import assert_close, assert_no_warnings, assert_unchanged, check, every_case, fail
from autograde.i18n import t

ELEMENTWISE = ("identity", "sigmoid", "tanh", "relu", "leaky_relu")


def _mixed(rng, shape=(4, 5)):
    """Random values with exact zeros and a few large magnitudes."""
    x = rng.normal(scale=3.0, size=shape)
    x.flat[::7] = 0.0
    return x


LOG_MAX = float(np.log(np.finfo(np.float64).max))  # about 709.78: np.exp overflows above it
LOG_TINY = -float(np.log(np.finfo(np.float64).smallest_subnormal))  # about 744.4: np.exp is 0 this far below 0

OVERFLOW = ("Your result contains {value}: np.exp overflowed to inf and inf / inf is nan. "
            "Subtract the maximum along the axis first: np.exp(x - x.max(axis=axis, keepdims=True)).")
UNDERFLOW = ("Your result contains {value} where every exp of a slice became 0, and 0 / 0 is nan: that "
             "happens when a slice's values lie far below the maximum you subtracted, such as the maximum of the "
             "whole array. Subtract each slice's own maximum: np.exp(x - x.max(axis=axis, keepdims=True)).")
NOT_SUMMING = ("Along axis {axis} the slices of your result do not sum to 1: take the maximum and the sum along "
               "that axis with keepdims=True, so that they broadcast against x: e / e.sum(axis=axis, keepdims=True).")


def _softmax_hint(x, axis=-1):
    """A hint for softmax(x, axis) that fits what came back: an exp that overflowed, a
    slice whose exps all underflowed (a maximum that is not the slice's own), or slices
    that do not sum to 1 (the wrong axis, or no keepdims); else None (the test's hint)."""
    x = np.asarray(x, dtype=float)

    def hint(got, expected):
        try:
            got = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            return None
        if got.shape != x.shape:
            return None
        broken = ~np.isfinite(got)
        if broken.any():
            value = "nan" if np.isnan(got).any() else "inf"
            in_slice = broken.any(axis=axis, keepdims=True)
            if (in_slice & (x > LOG_MAX).any(axis=axis, keepdims=True)).any():
                return t(OVERFLOW, value=value)
            if (in_slice & (x.max(axis=axis, keepdims=True) < x.max() - LOG_TINY)).any():
                return t(UNDERFLOW, value=value)
            return None
        if not np.allclose(got.sum(axis=axis), 1.0):
            return t(NOT_SUMMING, axis=axis)
        return None

    return hint


@pytest.mark.points(1)
@pytest.mark.hint("identity(x) returns x unchanged, with the same shape and values.")
def test_identity(student, reference, rng):
    check(student.identity, reference.identity, _mixed(rng))


@pytest.mark.points(2)
@pytest.mark.hint("sigmoid(x) = 1 / (1 + exp(-x)), element-wise, for arrays of any shape.")
def test_sigmoid_values(student, reference, rng):
    check(student.sigmoid, reference.sigmoid, _mixed(rng))
    check(student.sigmoid, reference.sigmoid, np.linspace(-6, 6, 13))


@pytest.mark.points(2)
@pytest.mark.hint("For large negative x, exp(-x) overflows. Compute with exp(-|x|), which is never larger "
                  "than 1: for x >= 0 use 1 / (1 + exp(-x)); for x < 0 use exp(x) / (1 + exp(x)).")
def test_sigmoid_extreme_inputs(student, reference):
    x = np.array([-1e300, -1000.0, -745.0, -30.0, 0.0, 30.0, 745.0, 1000.0, 1e300])
    record = student.sigmoid.call(x)
    assert_close(record.value, reference.sigmoid(x), call=record.call)
    assert_no_warnings(record, hint="Large inputs must not overflow: compute with exp(-|x|), which never exceeds 1.")


@pytest.mark.points(1)
@pytest.mark.hint("tanh(x) = (exp(x) - exp(-x)) / (exp(x) + exp(-x)); np.tanh computes it safely.")
def test_tanh_values(student, reference, rng):
    check(student.tanh, reference.tanh, _mixed(rng))


@pytest.mark.points(1)
@pytest.mark.hint("relu(x) = max(0, x) element-wise: np.maximum(x, 0) (not max(), which compares whole arrays).")
def test_relu_values(student, reference, rng):
    check(student.relu, reference.relu, _mixed(rng))


@pytest.mark.points(2)
@pytest.mark.hint("leaky_relu(x, alpha) is x where x > 0 and alpha * x elsewhere; use the alpha argument, "
                  "not a fixed 0.01.")
def test_leaky_relu_values(student, reference, rng):
    x = _mixed(rng)
    check(student.leaky_relu, reference.leaky_relu, x)
    check(student.leaky_relu, reference.leaky_relu, x, alpha=0.2)
    check(student.leaky_relu, reference.leaky_relu, x, 0.3)


@pytest.mark.points(2)
@pytest.mark.hint("softmax(x) = exp(x) / sum(exp(x)) along axis (the last one by default), so each row sums "
                  "to 1: use keepdims=True so the sum broadcasts against x.")
def test_softmax_values(student, reference, rng):
    x = rng.normal(size=(5, 4))
    check(student.softmax, reference.softmax, x, hint=_softmax_hint(x))


@pytest.mark.points(2)
@pytest.mark.hint("Subtract each slice's maximum before exp (x - x.max(axis=axis, keepdims=True)): the "
                  "result is mathematically the same, and exp never overflows.")
def test_softmax_large_logits(student, reference):
    x = np.array([[1000.0, 1001.0, 1002.0], [-1000.0, 0.0, 1000.0], [-5.0, -5.0, -5.0]])
    check(student.softmax, reference.softmax, x, hint=_softmax_hint(x))


@pytest.mark.points(2)
@pytest.mark.hint("Use the axis argument in both the max and the sum, with keepdims=True: "
                  "np.sum(e, axis=axis, keepdims=True).")
def test_softmax_axis(student, reference, rng):
    check(student.softmax, reference.softmax, rng.normal(size=(3, 4)), axis=0)
    check(student.softmax, reference.softmax, rng.normal(size=(2, 3, 4)), axis=1)
    check(student.softmax, reference.softmax, rng.normal(size=(2, 3, 4)))


@pytest.mark.points(1)
@pytest.mark.hint("A single vector of logits (shape (C,)) is one slice: its probabilities sum to 1.")
def test_softmax_single_vector(student, reference, rng):
    check(student.softmax, reference.softmax, rng.normal(size=6))


@pytest.mark.points(1)
@pytest.mark.hint("The derivative of the sigmoid is s * (1 - s) with s = sigmoid(x), not x * (1 - x).")
def test_sigmoid_grad(student, reference, rng):
    check(student.sigmoid_grad, reference.sigmoid_grad, _mixed(rng))


@pytest.mark.points(1)
@pytest.mark.hint("The derivative of tanh is 1 - tanh(x) ** 2 (squared).")
def test_tanh_grad(student, reference, rng):
    check(student.tanh_grad, reference.tanh_grad, _mixed(rng))


def _grad_with_free_zero(student_fn, reference_fn, x, one_sided, **kwargs):
    """Compare a derivative everywhere but x == 0, where either one-sided value is right."""
    record = student_fn.call(x, **kwargs)
    expected = reference_fn(x, **kwargs)
    got = np.asarray(record.value)
    if got.shape != x.shape or got.dtype.kind != "f":
        assert_close(record.value, expected, call=record.call)
    at_zero = x == 0
    assert_close(np.where(at_zero, expected, got), expected, call=record.call)
    allowed = np.isin(got[at_zero], one_sided)
    if not allowed.all():
        low, high = one_sided
        fail(t("at x == 0 your derivative is {value}; either one-sided value is accepted: {low} or {high}.",
               value=repr(got[at_zero][~allowed][0]), low=low, high=high), call=record.call)


@pytest.mark.points(2)
@pytest.mark.hint("relu_grad(x) is the slope of relu: 1.0 where x > 0, 0.0 where x < 0 (at 0 either is fine). "
                  "It is not relu(x) itself.")
def test_relu_grad(student, reference, rng):
    _grad_with_free_zero(student.relu_grad, reference.relu_grad, _mixed(rng), (0.0, 1.0))


@pytest.mark.points(2)
@pytest.mark.hint("leaky_relu_grad(x, alpha) is 1.0 where x > 0 and alpha where x < 0; use the alpha argument.")
def test_leaky_relu_grad(student, reference, rng):
    x = _mixed(rng)
    _grad_with_free_zero(student.leaky_relu_grad, reference.leaky_relu_grad, x, (0.01, 1.0))
    _grad_with_free_zero(student.leaky_relu_grad, reference.leaky_relu_grad, x, (0.2, 1.0), alpha=0.2)


# For integer input these may keep the integers (x itself, np.maximum(0, x)) or give float64.
INTEGERS_KEPT = ("identity", "relu")


@pytest.mark.points(2)
@pytest.mark.hint("Return arrays of the input's shape, and floats also for integer input: convert first with "
                  "np.asarray(x, dtype=float). (identity and relu may keep integers as integers.)")
def test_dtypes_and_shapes(student, reference):
    x = np.array([[-2, -1, 0], [1, 2, 3]])
    with every_case() as case:  # every function that fails, in one message
        for name in ELEMENTWISE + ("softmax",):
            with case:
                _integer_input(student, reference, name, x)


def _integer_input(student, reference, name, x):
    """Check ``name`` on integer input ``x``: float64, or the integers kept where allowed."""
    if name not in INTEGERS_KEPT:
        check(getattr(student, name), getattr(reference, name), x)
        return
    record = getattr(student, name).call(x)
    expected = getattr(reference, name)(x)
    got = record.value
    if isinstance(got, np.ndarray) and got.dtype.kind in "iu":
        expected = expected.astype(got.dtype)  # the same integers, exactly
    assert_close(got, expected, call=record.call)


@pytest.mark.points(1)
@pytest.mark.hint("Leave x as it was: build a new array (np.maximum, np.where, x * 2) instead of "
                  "assigning into x.")
def test_inputs_unchanged(student, rng):
    with every_case() as case:
        for name in ELEMENTWISE + ("softmax", "sigmoid_grad", "tanh_grad", "relu_grad", "leaky_relu_grad"):
            x = _mixed(rng)
            with case:
                assert_unchanged(getattr(student, name).call(x))


### BEGIN HIDDEN TESTS
@pytest.mark.hidden
@pytest.mark.points(2)
@pytest.mark.hint("softmax must be stable for every slice, also with axis=0 and huge negative logits.")
def test_softmax_extreme_axis0(student, reference):
    x = np.array([[-1e4, 3.0], [-1e4 + 1, 1e4], [-1e4 + 2, -1e4]])
    check(student.softmax, reference.softmax, x, axis=0, hint=_softmax_hint(x, axis=0))


@pytest.mark.hidden
@pytest.mark.points(1)
def test_gradients_match_finite_differences(student, reference, rng):
    x = rng.uniform(-3, 3, size=30)
    x = x[np.abs(x) > 1e-3]
    h = 1e-6
    for name in ("sigmoid", "tanh"):
        numeric = (getattr(reference, name)(x + h) - getattr(reference, name)(x - h)) / (2 * h)
        record = getattr(student, f"{name}_grad").call(x)
        assert_close(record.value, numeric, call=record.call, rtol=1e-5, atol=1e-8)
### END HIDDEN TESTS
