"""Grader: perceptron (퍼셉트론) — step function, logic gates, the perceptron rule."""

import numpy as np
import pytest

from autograde.compare import assert_close, assert_unchanged, check, every_case, fail, not_attempted
from autograde.i18n import t

FOUR = [(0, 0), (0, 1), (1, 0), (1, 1)]
TRUTH = {
    "AND": [0, 0, 0, 1],
    "NAND": [1, 1, 1, 0],
    "OR": [0, 1, 1, 1],
    "XOR": [0, 1, 1, 0],
}


@pytest.mark.points(2)
@pytest.mark.hint("step(x) is 1 only where x > 0: at exactly x == 0 it is 0. Try (x > 0).astype(int).")
def test_step_values(student, reference, rng):
    x = rng.normal(size=20)
    x[::4] = 0.0  # the boundary, where `>=` and `>` differ
    check(student.step, reference.step, x)
    check(student.step, reference.step, np.array([-3.0, -0.0, 0.0, 1e-12, 7.0]))


@pytest.mark.points(1)
@pytest.mark.hint("Return an integer array of the same shape as x, e.g. (x > 0).astype(np.int64); "
                  "avoid Python `if` on arrays, it only works for single numbers.")
def test_step_dtype_and_shape(student, reference, rng):
    check(student.step, reference.step, rng.normal(size=(3, 4)))
    check(student.step, reference.step, np.array([-2, 0, 3]))
    check(student.step, reference.step, np.array(0.5))


@pytest.mark.points(1)
@pytest.mark.hint("For one sample x of shape (d,), the weighted sum x @ w + b is one number.")
def test_perceptron_single_sample(student, reference, rng):
    for _ in range(5):
        x, w, b = rng.normal(size=3), rng.normal(size=3), float(rng.normal())
        check(student.perceptron, reference.perceptron, x, w, b)
    # exactly on the decision boundary: 0.5 + 0.5 - 1.0 == 0, so the output is 0
    check(student.perceptron, reference.perceptron, np.array([1.0, 1.0]), np.array([0.5, 0.5]), -1.0)


@pytest.mark.points(2)
@pytest.mark.hint("For a batch X of shape (n, d), X @ w + b has one value per sample (shape (n,)); "
                  "don't forget the bias b.")
def test_perceptron_batch(student, reference, rng):
    X, w = rng.normal(size=(6, 3)), rng.normal(size=3)
    check(student.perceptron, reference.perceptron, X, w, 0.8)
    check(student.perceptron, reference.perceptron, X, w, -0.8)


@pytest.mark.points(2)
@pytest.mark.hint("GATES maps 'AND', 'NAND' and 'OR' to (w, b) with w of shape (2,). "
                  "NAND is AND with the signs of w and b flipped.")
def test_gates_table(student, reference):
    gates = student.GATES
    if not isinstance(gates, dict) or set(gates) != {"AND", "NAND", "OR"}:
        fail(t("GATES should be a dict with the keys 'AND', 'NAND' and 'OR'; it is {gates}.", gates=repr(gates)))
    if all(_as_in_the_stub(entry) for entry in gates.values()):
        not_attempted("`GATES` is not filled in yet: every gate still has the stub's weights (0, 0) and bias 0.")
    x = np.array(FOUR, dtype=float)
    with every_case() as case:  # every gate that is wrong, in one message
        for name in ("AND", "NAND", "OR"):
            with case:
                _gate_fires_as_its_table(gates, name, x)


def _as_in_the_stub(entry):
    """Whether a GATES entry is still the stub's placeholder: zero weights and a zero bias."""
    try:
        w, b = entry
        return np.shape(w) == (2,) and not np.any(np.asarray(w, dtype=float)) and float(b) == 0.0
    except (TypeError, ValueError):
        return False


def _gate_fires_as_its_table(gates, name, x):
    entry = gates[name]
    if not (isinstance(entry, (tuple, list)) and len(entry) == 2):
        fail(t("GATES[{name}] should be a pair (w, b); it is {entry}.", name=repr(name), entry=repr(entry)))
    w, b = entry
    if np.shape(w) != (2,) or np.ndim(b) != 0:
        fail(t("GATES[{name}] should be (w, b) with w of shape (2,) and b a number; "
               "got w of shape {w_shape} and b of shape {b_shape}.", name=repr(name), w_shape=str(np.shape(w)),
               b_shape=str(np.shape(b))))
    got = _fires(x, w, b)
    assert_close(got, np.array(TRUTH[name]), call=f"perceptron(all four inputs, *GATES[{name!r}])",
                 what=t("the outputs of GATES[{name}]", name=repr(name)))


@pytest.mark.points(1)
@pytest.mark.hint("Each gate is perceptron(np.stack([x1, x2], axis=-1), w, b) with its own (w, b) from GATES, "
                  "and returns 0 or 1.")
@pytest.mark.parametrize("gate", ["AND", "NAND", "OR"])
def test_gate_truth_tables(student, reference, gate):
    for x1, x2 in FOUR:
        check(getattr(student, gate), getattr(reference, gate), x1, x2)


@pytest.mark.points(1)
@pytest.mark.hint("Gates must work element-wise on arrays: stack x1 and x2 on the last axis "
                  "(np.stack([x1, x2], axis=-1)) so each pair of elements is one sample.")
def test_gates_elementwise(student, reference, rng):
    x1, x2 = rng.integers(0, 2, size=(3, 4)), rng.integers(0, 2, size=(3, 4))
    with every_case() as case:
        for gate in ("AND", "NAND", "OR", "XOR"):
            with case:
                check(getattr(student, gate), getattr(reference, gate), x1, x2)


@pytest.mark.points(2)
@pytest.mark.hint("One perceptron cannot draw XOR's boundary. Combine two layers: "
                  "XOR(x1, x2) = AND(NAND(x1, x2), OR(x1, x2)).")
def test_xor_truth_table(student, reference):
    for x1, x2 in FOUR:
        check(student.XOR, reference.XOR, x1, x2)


def _fires(x, w, b):
    """What a perceptron with the learner's weights ``w`` and bias ``b`` outputs: computed
    here, not by the reference, since the inputs come from the learner (a student bundle
    replays only the reference's answers to the grader's own inputs)."""
    return (np.asarray(x, dtype=float) @ np.asarray(w, dtype=float) + float(b) > 0).astype(np.int64)


def _separable(rng, n=40):
    """A linearly separable data set with a margin around the true boundary."""
    w_true, b_true = np.array([2.0, -1.0]), 0.3
    X = rng.uniform(-1, 1, size=(4 * n, 2))
    margin = X @ w_true + b_true
    X = X[np.abs(margin) > 0.2][:n]
    return X, (X @ w_true + b_true > 0).astype(np.int64)


@pytest.mark.points(3)
@pytest.mark.timeout(5)
@pytest.mark.hint("On each mistake move w by lr * (y_i - prediction) * x_i and b by lr * (y_i - prediction); "
                  "keep going for more epochs until an epoch has no mistakes.")
def test_train_perceptron_separable(student, reference, rng):
    X, y = _separable(rng)
    record = student.train_perceptron.call(X, y, lr=0.1, epochs=1000, seed=3)
    result = record.value
    if not (isinstance(result, tuple) and len(result) == 2):
        fail(t("train_perceptron should return a pair (w, b); it returned {type} {value}.",
               type=type(result).__name__, value=repr(result)[:80]), call=record.call)
    w, b = result
    if np.shape(w) != (2,) or np.ndim(b) != 0:
        fail(t("expected w of shape (2,) and b a number; got w of shape {w_shape} and b of shape {b_shape}.",
               w_shape=str(np.shape(w)), b_shape=str(np.shape(b))), call=record.call)
    predictions = _fires(X, w, b)
    wrong = int(np.sum(predictions != y))
    if wrong:
        fail(t("with the returned w={w}, b={b:.4g}, {wrong} of {total} training samples are still misclassified; "
               "the data is linearly separable, so the perceptron rule reaches 100%.",
               w=str(np.round(np.asarray(w, dtype=float), 4)), b=float(b), wrong=wrong, total=len(y)),
             call=record.call)


@pytest.mark.points(2)
@pytest.mark.hint("Start from w = zeros(d) and b = 0. On a mistake: w += lr * (y_i - pred) * x_i and "
                  "b += lr * (y_i - pred); pred is step(x_i @ w + b).")
def test_train_perceptron_update_rule(student, reference):
    # One sample: the visiting order cannot matter, so the result is exact.
    for x, y, lr in [([[1.0, 2.0]], [1], 0.1), ([[1.0, 2.0]], [1], 0.5), ([[-1.0, -2.0]], [1], 0.1),
                     ([[1.0, 2.0]], [0], 0.1)]:
        check(student.train_perceptron, reference.train_perceptron, np.array(x), np.array(y), lr=lr, epochs=10)


@pytest.mark.points(1)
@pytest.mark.hint("Leave the caller's arrays alone: compute new arrays instead of changing x, X or y in place.")
def test_inputs_unchanged(student, rng):
    X, y = _separable(rng, n=10)
    assert_unchanged(student.step.call(rng.normal(size=8)))
    assert_unchanged(student.perceptron.call(X, np.array([0.5, -0.5]), 0.1))
    assert_unchanged(student.train_perceptron.call(X, y, lr=0.1, epochs=50, seed=0))


### BEGIN HIDDEN TESTS
@pytest.mark.hidden
@pytest.mark.points(2)
@pytest.mark.hint("The perceptron rule must reach 100% on any linearly separable data, in any dimension.")
def test_train_perceptron_higher_dimension(student, reference, rng):
    w_true = rng.normal(size=5)
    X = rng.uniform(-1, 1, size=(400, 5))
    X = X[np.abs(X @ w_true - 0.1) > 0.3][:60]
    y = (X @ w_true - 0.1 > 0).astype(np.int64)
    record = student.train_perceptron.call(X, y, lr=0.05, epochs=2000, seed=11)
    w, b = record.value
    wrong = int(np.sum(_fires(X, w, b) != y))
    if wrong:
        fail(t("{wrong} of {total} training samples are misclassified after training.", wrong=wrong, total=len(y)),
             call=record.call)


@pytest.mark.hidden
@pytest.mark.points(1)
def test_step_large_random(student, reference, rng):
    x = rng.normal(size=(50, 7))
    x[rng.random(x.shape) < 0.1] = 0.0
    check(student.step, reference.step, x)
### END HIDDEN TESTS
