"""Grader: losses — one-hot encoding (원-핫 인코딩), MSE (평균 제곱 오차), cross-entropy (교차 엔트로피)."""

import numpy as np
import pytest

from autograde.compare import assert_close, assert_no_warnings, assert_unchanged, check

# Losses are sums of logs: a correct formula written another way (log(p + 1e-7) instead
# of clipping, a loop instead of a vectorised sum) differs by far less than this, and the
# wrong ones (a factor of n or C, a missing term) by far more.
LOSS_TOL = {"rtol": 1e-5, "atol": 1e-8}


def _probabilities(rng, n, c):
    """Rows of class probabilities, none tiny (the edge cases are tested on their own)."""
    p = rng.uniform(0.2, 1.0, size=(n, c))
    return p / p.sum(axis=1, keepdims=True)


def _not_finite_hint(got, expected):
    if not np.all(np.isfinite(np.asarray(got, dtype=float))):
        return "log(0) is -inf: clip the predictions first, np.clip(y_pred, eps, 1 - eps)."
    return None


@pytest.mark.points(2)
@pytest.mark.hint("Row i is all zeros except a 1.0 in column labels[i]; with no num_classes, "
                  "there are max(labels) + 1 columns.")
def test_one_hot_values(student, reference):
    check(student.one_hot, reference.one_hot, np.array([0, 2, 1, 3, 3]))
    check(student.one_hot, reference.one_hot, np.array([1, 0]))


@pytest.mark.points(1)
@pytest.mark.hint("When num_classes is given, the matrix has exactly num_classes columns, even if the "
                  "largest label is smaller.")
def test_one_hot_num_classes(student, reference):
    check(student.one_hot, reference.one_hot, np.array([0, 1, 1]), num_classes=5)
    check(student.one_hot, reference.one_hot, np.array([2, 0]), 3)


@pytest.mark.points(1)
@pytest.mark.hint("Create the matrix as floats: np.zeros((n, C)) (float64 by default).")
def test_one_hot_dtype(student, reference):
    check(student.one_hot, reference.one_hot, np.array([1, 0, 2]))


@pytest.mark.points(2)
@pytest.mark.hint("MSE is the mean (not the sum) of the squared differences: np.mean((y_true - y_pred) ** 2).")
def test_mse_values(student, reference, rng):
    check(student.mean_squared_error, reference.mean_squared_error,
          rng.normal(size=(6, 2)), rng.normal(size=(6, 2)), **LOSS_TOL)
    check(student.mean_squared_error, reference.mean_squared_error,
          rng.normal(size=7), rng.normal(size=7), **LOSS_TOL)


@pytest.mark.points(2)
@pytest.mark.hint("BCE = -mean(y log p + (1 - y) log(1 - p)): both terms, averaged over all elements.")
def test_bce_values(student, reference, rng):
    y = rng.integers(0, 2, size=10).astype(float)
    p = rng.uniform(0.05, 0.95, size=10)
    check(student.binary_cross_entropy, reference.binary_cross_entropy, y, p, **LOSS_TOL)


@pytest.mark.points(2)
@pytest.mark.hint("A prediction of exactly 0 or 1 makes log(0) = -inf. Clip first: "
                  "p = np.clip(y_pred, eps, 1 - eps).")
def test_bce_clipping(student, reference):
    y, p = np.array([1.0, 0.0, 1.0, 0.0]), np.array([0.0, 1.0, 1.0, 0.0])
    record = student.binary_cross_entropy.call(y, p)
    assert_close(record.value, reference.binary_cross_entropy(y, p), call=record.call,
                 hint=_not_finite_hint, **LOSS_TOL)
    assert_no_warnings(record, hint="Clip the predictions before taking the log.")


@pytest.mark.points(1)
@pytest.mark.hint("Losses take (y_true, y_pred) in that order, as Keras does.")
def test_bce_argument_order(student, reference):
    y, p = np.array([1.0, 0.0, 1.0]), np.array([0.9, 0.3, 0.6])
    check(student.binary_cross_entropy, reference.binary_cross_entropy, y, p, **LOSS_TOL)


@pytest.mark.points(2)
@pytest.mark.hint("Sum -y_true * log(y_pred) over the classes (axis=-1) of each sample, then take the mean "
                  "over the samples.")
def test_cce_values(student, reference, rng):
    labels = rng.integers(0, 4, size=6)
    check(student.categorical_cross_entropy, reference.categorical_cross_entropy,
          np.eye(4)[labels], _probabilities(rng, 6, 4), **LOSS_TOL)


@pytest.mark.points(1)
@pytest.mark.hint("A single sample has shape (C,): sum over the last axis (axis=-1), which works for (C,) "
                  "and (n, C) alike.")
def test_cce_single_sample(student, reference):
    check(student.categorical_cross_entropy, reference.categorical_cross_entropy,
          np.array([0.0, 1.0, 0.0]), np.array([0.2, 0.7, 0.1]), **LOSS_TOL)


@pytest.mark.points(2)
@pytest.mark.hint("A probability of exactly 0 makes log(0) = -inf (and 0 * -inf = nan). Clip y_pred to "
                  "[eps, 1 - eps] before the log.")
def test_cce_zeros_in_probabilities(student, reference):
    y = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    p = np.array([[0.0, 1.0, 0.0], [0.5, 0.5, 0.0]])
    record = student.categorical_cross_entropy.call(y, p)
    assert_close(record.value, reference.categorical_cross_entropy(y, p), call=record.call,
                 hint=_not_finite_hint, **LOSS_TOL)


@pytest.mark.points(1)
@pytest.mark.hint("Use the eps argument the caller gives to guard the log, not a fixed 1e-7.")
def test_eps_argument_is_used(student, reference):
    # Confidently wrong predictions: the loss is -log(eps), whether eps clips (the
    # contract) or is added inside the log (the textbook's delta), but not if eps is ignored.
    check(student.binary_cross_entropy, reference.binary_cross_entropy,
          np.array([1.0, 0.0, 1.0]), np.array([0.0, 1.0, 0.0]), eps=0.01, **LOSS_TOL)
    y, p = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]), np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    check(student.categorical_cross_entropy, reference.categorical_cross_entropy, y, p, eps=0.01, **LOSS_TOL)
    check(student.sparse_categorical_cross_entropy, reference.sparse_categorical_cross_entropy,
          np.array([1, 0]), p, eps=0.01, **LOSS_TOL)


@pytest.mark.points(2)
@pytest.mark.hint("Take the mean over the batch, not the sum: four copies of one sample have the same loss "
                  "as the sample alone.")
def test_cce_batch_mean(student, reference):
    y, p = np.array([[0.0, 1.0, 0.0]]), np.array([[0.2, 0.7, 0.1]])
    check(student.categorical_cross_entropy, reference.categorical_cross_entropy, y, p, **LOSS_TOL)
    check(student.categorical_cross_entropy, reference.categorical_cross_entropy,
          np.repeat(y, 4, axis=0), np.repeat(p, 4, axis=0), **LOSS_TOL)


@pytest.mark.points(2)
@pytest.mark.hint("Pick each sample's probability of its own label: y_pred[np.arange(n), labels].")
def test_sparse_cce_values(student, reference, rng):
    labels = rng.integers(0, 4, size=6)
    check(student.sparse_categorical_cross_entropy, reference.sparse_categorical_cross_entropy,
          labels, _probabilities(rng, 6, 4), **LOSS_TOL)


@pytest.mark.points(2)
@pytest.mark.hint("H(p) = -sum(p * log(p)) / log(base): a fair coin has 1 bit with base 2.")
def test_entropy_values(student, reference, rng):
    check(student.entropy, reference.entropy, np.array([0.5, 0.5]), **LOSS_TOL)
    check(student.entropy, reference.entropy, np.full(4, 0.25), **LOSS_TOL)
    check(student.entropy, reference.entropy, _probabilities(rng, 1, 5)[0], base=np.e, **LOSS_TOL)


@pytest.mark.points(1)
@pytest.mark.hint("0 * log(0) counts as 0: skip the zero probabilities (p[p > 0]) instead of taking their log.")
def test_entropy_zero_probability(student, reference):
    p = np.array([0.5, 0.0, 0.5, 0.0])
    record = student.entropy.call(p)
    assert_close(record.value, reference.entropy(p), call=record.call, hint=_not_finite_hint, **LOSS_TOL)
    assert_no_warnings(record, hint="Leave out p == 0 before taking the log (0 * log 0 counts as 0).")


@pytest.mark.points(1)
@pytest.mark.hint("Leave the caller's arrays alone: np.clip(y_pred, ...) returns a new array, "
                  "y_pred[y_pred < eps] = eps does not.")
def test_inputs_unchanged(student, rng):
    y, p = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([[0.0, 1.0], [0.3, 0.7]])
    assert_unchanged(student.one_hot.call(np.array([0, 1, 1])))
    assert_unchanged(student.mean_squared_error.call(y, p))
    assert_unchanged(student.binary_cross_entropy.call(y, p))
    assert_unchanged(student.categorical_cross_entropy.call(y, p))
    assert_unchanged(student.sparse_categorical_cross_entropy.call(np.array([1, 1]), p))
    assert_unchanged(student.entropy.call(np.array([0.0, 0.5, 0.5])))


### BEGIN HIDDEN TESTS
@pytest.mark.hidden
@pytest.mark.points(2)
@pytest.mark.hint("sparse categorical cross-entropy equals categorical cross-entropy of the one-hot labels.")
def test_sparse_matches_categorical(student, reference, rng):
    labels = rng.integers(0, 5, size=12)
    p = _probabilities(rng, 12, 5)
    record = student.sparse_categorical_cross_entropy.call(labels, p)
    expected = reference.categorical_cross_entropy(np.eye(5)[labels], p)
    assert_close(record.value, expected, call=record.call, **LOSS_TOL)


@pytest.mark.hidden
@pytest.mark.points(1)
def test_one_hot_large(student, reference, rng):
    check(student.one_hot, reference.one_hot, rng.integers(0, 10, size=100))
### END HIDDEN TESTS
