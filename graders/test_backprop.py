"""Grader: backprop — a two-layer network, its loss and its gradients by backpropagation (오차역전파법)."""

import numpy as np
import pytest

from autograde.compare import (assert_close, assert_no_warnings, assert_unchanged, central_differences, check,
                               expect_raises, fail, relative_error)
from autograde.datasets import load_digits
from autograde.i18n import t

KEYS = ("W1", "b1", "W2", "b2")
ACTIVATIONS = ("relu", "sigmoid")

# The loss is a mean of logs: log-softmax, clipping at 1e-7 and the textbook's
# log(p + 1e-7) agree to far better than this while the true class has a probability
# well above 1e-7, and a wrong formula (a sum, a factor of n) is far outside it.
LOSS_TOL = {"rtol": 1e-5, "atol": 1e-8}

# Relative error max|a - b| / max(|a| + |b|) of gradients. Backprop against central
# differences of the exact loss (h = 1e-5): below 1e-8 when right, 0.1 to 1 when wrong.
BACKPROP_TOL = 1e-6
# Two numerical gradients with the same h = 1e-2: a few 1e-6 apart at most when right
# (the textbook's log(p + 1e-7) against the exact loss), 5e-4 or more for a forward
# difference (off by about h).
NUMERICAL_TOL = 3e-5

# Small problems: n, d, H and C all differ, so a transposed matrix has the wrong shape.
N, D, H, C = 6, 4, 5, 3


def _problem(rng, n=N, d=D, hidden=H, classes=C):
    """(params, X, y) where finite differences and the loss's log guard are harmless.

    No hidden pre-activation is near ReLU's kink at 0: every |X| <= 1, so a step of
    1e-2 in W1 or b1 moves a pre-activation by at most 1e-2, and finite differences
    never step across the kink, where ReLU has no derivative. Every true class has a
    probability of at least 0.05 and the loss is at least 0.3 (with either
    activation), so the textbook's log(p + 1e-7) is within 1e-5 of the exact loss.
    """
    while True:
        params = {
            "W1": rng.normal(0.0, 1.0, size=(d, hidden)),
            "b1": rng.normal(0.0, 0.5, size=hidden),
            "W2": rng.normal(0.0, 0.5, size=(hidden, classes)),
            "b2": rng.normal(0.0, 0.5, size=classes),
        }
        X = rng.uniform(-1.0, 1.0, size=(n, d))
        y = rng.permutation(np.arange(n) % classes)
        A1 = X @ params["W1"] + params["b1"]
        if np.min(np.abs(A1)) < 0.02:
            continue
        for Z1 in (np.maximum(A1, 0.0), 1.0 / (1.0 + np.exp(-A1))):
            S = Z1 @ params["W2"] + params["b2"]
            P = np.exp(S - S.max(axis=1, keepdims=True))
            p_true = (P / P.sum(axis=1, keepdims=True))[np.arange(n), y]
            if p_true.min() < 0.05 or -np.mean(np.log(p_true)) < 0.3:
                break
        else:
            return params, X, y


def _numerical(reference, params, X, y, activation):
    """Central differences of the reference's (trusted, exact) loss, parameter by parameter."""
    return {key: central_differences(lambda value: reference.loss({**params, key: value}, X, y, activation),
                                     params[key]) for key in KEYS}


def _nan_hint(got, expected):
    if not np.all(np.isfinite(np.asarray(got, dtype=float))):
        return ("Your result contains nan or inf: np.exp of a large score overflowed. Subtract each row's "
                "largest score first: np.exp(s - s.max(axis=1, keepdims=True)).")
    return None


def _grad_hint(key, n):
    """A hint for one entry of a gradient dict that fits the mistake observed."""

    def hint(got, expected):
        got, expected = np.asarray(got), np.asarray(expected)
        if got.ndim == 2 and expected.ndim == 2 and got.shape == expected.shape[::-1]:
            return t("Your {key} gradient is transposed. A weight's gradient has the weight's shape: "
                     "dW1 = X.T @ dA1 and dW2 = Z1.T @ dS (the layer's input, transposed, on the left).", key=key)
        if key.startswith("b") and got.shape == (n,) + expected.shape:
            return t("Your {key} gradient has one row per sample. The bias is shared by all samples, "
                     "so add the rows up: d{key} = dA.sum(axis=0).", key=key)
        if got.shape != expected.shape:
            return t("The gradient of {key} must have the shape of {key} itself, {shape}.", key=key,
                     shape=str(expected.shape))
        got = got.astype(np.float64)
        if np.any(expected) and not np.any(got):
            return t("Your {key} gradient is all zeros. A bias gets the gradient of the layer's output "
                     "summed over the batch (dA.sum(axis=0)); a weight gets input.T @ dA.", key=key)
        if np.allclose(got, n * expected, rtol=1e-6, atol=1e-12):
            return t("Your gradient is {n} times too large ({n} is the batch size). The loss is a mean over "
                     "the batch, so its gradient with respect to the scores is (softmax - one_hot) / n.", n=n)
        return None

    return hint


HELD_OUT_SEED = 20261123


def _labels(params, X, activation="relu"):
    """The classes a network with the learner's trained ``params`` predicts: computed here,
    not by the reference, since the parameters come from the learner (a student bundle
    replays only the reference's answers to the grader's own inputs)."""
    hidden = np.asarray(X, dtype=np.float64) @ params["W1"] + params["b1"]
    if activation == "relu":
        hidden = np.maximum(hidden, 0.0)
    else:
        e = np.exp(-np.abs(hidden))  # the sigmoid without overflow
        hidden = np.where(hidden >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return np.argmax(hidden @ params["W2"] + params["b2"], axis=1)


def _in_result(call, key):
    """The call as shown to the learner, narrowed to one entry of the dict it returned."""
    return f"{call}, in result[{key!r}]"


def _as_dict(value, call):
    """``value`` as a dict with exactly the keys W1, b1, W2, b2 (fails otherwise)."""
    if not isinstance(value, dict) or set(value) != set(KEYS):
        shown = sorted(map(str, value)) if isinstance(value, dict) else type(value).__name__
        fail(t("your function should return a dict with the keys 'W1', 'b1', 'W2', 'b2'; it returned {shown}.",
               shown=str(shown)), call=call,
             hint="Return a new dict with the same keys as params, e.g. {'W1': dW1, 'b1': db1, ...}.")
    return value


def _assert_dict(record, expected, n=None):
    """Compare a returned params or gradients dict with ``expected``, key by key.

    ``n`` (the batch size) marks a gradient dict, whose hints name backprop mistakes.
    """
    got = _as_dict(record.value, record.call)
    for key in KEYS:
        assert_close(got[key], expected[key], call=_in_result(record.call, key),
                     hint=None if n is None else _grad_hint(key, n))


def _same_shape(value, expected, call, key, n):
    """Report a wrong kind or shape of one gradient the way assert_close does."""
    if not isinstance(value, np.ndarray) or value.shape != expected.shape:
        assert_close(value, expected, call=_in_result(call, key), hint=_grad_hint(key, n))


@pytest.mark.points(1)
@pytest.mark.hint("init_params returns {'W1': (input_size, hidden_size), 'b1': (hidden_size,), "
                  "'W2': (hidden_size, output_size), 'b2': (output_size,)}, biases all zeros.")
def test_init_params_shapes(student, reference):
    record = student.init_params.call(7, 5, 3)
    got = _as_dict(record.value, record.call)
    for key, value in reference.init_params(7, 5, 3).items():
        if np.shape(got[key]) != value.shape:
            fail(t("params[{key}] has shape {shape}; expected {expected}.", key=repr(key),
                   shape=str(np.shape(got[key])), expected=str(value.shape)), call=record.call)
    assert_close(got["b1"], np.zeros(5), call=_in_result(record.call, "b1"))
    assert_close(got["b2"], np.zeros(3), call=_in_result(record.call, "b2"))


@pytest.mark.points(2)
@pytest.mark.hint("Create one rng = np.random.default_rng(seed), then draw W1 first and W2 second with "
                  "rng.normal(0, weight_scale, size=...); the biases are np.zeros.")
def test_init_params_seeded(student, reference):
    for args, kwargs in (((4, 6, 3), {"seed": 7}), ((64, 50, 10), {}), ((3, 2, 2, 0.5, 11), {})):
        _assert_dict(student.init_params.call(*args, **kwargs), reference.init_params(*args, **kwargs))


@pytest.mark.points(2)
@pytest.mark.hint("forward: A1 = X @ W1 + b1, Z1 = relu(A1), S = Z1 @ W2 + b2, then the softmax of each "
                  "row of S (the probabilities of the classes).")
def test_forward_relu(student, reference, rng):
    params, X, _ = _problem(rng)
    check(student.forward, reference.forward, params, X, hint=_nan_hint)
    check(student.forward, reference.forward, params, X, activation="relu", hint=_nan_hint)


@pytest.mark.points(1)
@pytest.mark.hint("With activation='sigmoid' the hidden layer is Z1 = 1 / (1 + exp(-A1)) instead of relu(A1).")
def test_forward_sigmoid(student, reference, rng):
    params, X, _ = _problem(rng)
    check(student.forward, reference.forward, params, X, activation="sigmoid", hint=_nan_hint)
    check(student.forward, reference.forward, params, X, "sigmoid", hint=_nan_hint)


def _large_scores(rng):
    """Scores near 1000 with modest gaps, and scores 10,000 times larger than usual, thousands apart."""
    params, X, y = _problem(rng)
    shifted = dict(params, b2=params["b2"] + 1000.0)
    confident = dict(params, W2=params["W2"] * 1e4, b2=params["b2"] * 1e4)
    return shifted, confident, X, y


@pytest.mark.points(2)
@pytest.mark.hint("exp(1000) overflows to inf and inf / inf is nan. Subtract each row's largest score before "
                  "np.exp: the softmax is the same and no exponent is above exp(0) = 1.")
def test_forward_large_scores(student, reference, rng):
    shifted, confident, X, _ = _large_scores(rng)
    for params in (shifted, confident):
        for activation in ACTIVATIONS:
            record = student.forward.call(params, X, activation)
            assert_close(record.value, reference.forward(params, X, activation), call=record.call, hint=_nan_hint)
            assert_no_warnings(record, hint="Subtract each row's largest score before np.exp.")


@pytest.mark.points(2)
@pytest.mark.hint("loss = the mean over the samples of -log(p[i, y[i]]), with p = forward(params, X): "
                  "use np.mean, not np.sum.")
def test_loss_values(student, reference, rng):
    params, X, y = _problem(rng)
    for activation in ACTIVATIONS:
        check(student.loss, reference.loss, params, X, y, activation, **LOSS_TOL)
    check(student.loss, reference.loss, params, X, y, **LOSS_TOL)


@pytest.mark.points(1)
@pytest.mark.hint("A probability can underflow to exactly 0, and log(0) = -inf. Use log-softmax "
                  "(s - max - log(sum(exp(s - max)))) or guard the log: np.log(p + 1e-7).")
def test_loss_large_scores(student, reference, rng):
    shifted, confident, X, y = _large_scores(rng)
    check(student.loss, reference.loss, shifted, X, y, **LOSS_TOL, hint=_nan_hint)
    # Confidently wrong: each sample's true class has the lowest score, usually thousands
    # below the highest, so its probability underflows to 0. The exact loss is in the
    # thousands; a 1e-7 guard in the log caps each sample's loss near -log(1e-7) = 16.1.
    # Both are accepted; nan, inf and a small loss are not.
    y = np.argmin(reference.forward(confident, X), axis=1)
    record = student.loss.call(confident, X, y)
    expected = reference.loss(confident, X, y)
    per_sample = np.array([reference.loss(confident, X[i:i + 1], y[i:i + 1]) for i in range(len(y))])
    low = float(np.mean(np.minimum(per_sample, 15.0))) - np.log(2.0)
    got = float(np.asarray(record.value, dtype=float)) if np.ndim(record.value) == 0 else np.nan
    if not (np.isfinite(got) and low <= got <= expected * (1 + 1e-5)):
        fail(t("your function returned {value}; most true classes have probabilities that underflow "
               "to 0, so the loss must be finite and large: {expected:.6g} exactly, or about 16.1 with a 1e-7 "
               "guard in the log.", value=repr(record.value), expected=float(expected)), call=record.call)
    assert_no_warnings(record, hint="Guard the log: a probability of exactly 0 makes np.log warn "
                                    "'divide by zero'.")


@pytest.mark.points(1)
@pytest.mark.hint("gradients returns a new dict with the same keys as params; each gradient has the shape "
                  "of its parameter.")
def test_gradients_keys_and_shapes(student, reference, rng):
    params, X, y = _problem(rng)
    record = student.gradients.call(params, X, y)
    got = _as_dict(record.value, record.call)
    for key in KEYS:
        if np.shape(got[key]) != params[key].shape:
            fail(t("the gradient of {key} has shape {shape}; expected {expected}, the shape of params[{key}].",
                   key=repr(key), shape=str(np.shape(got[key])), expected=str(params[key].shape)),
                 call=record.call, hint=_grad_hint(key, N)(got[key], params[key]))


@pytest.mark.points(2)
@pytest.mark.hint("Backward through ReLU: dA1 = dZ1 * (A1 > 0), the mask of the forward pass; "
                  "dS = (softmax - one_hot) / n, dW2 = Z1.T @ dS, db2 = dS.sum(axis=0), dZ1 = dS @ W2.T.")
def test_gradients_relu(student, reference, rng):
    params, X, y = _problem(rng)
    _assert_dict(student.gradients.call(params, X, y), reference.gradients(params, X, y), N)
    _assert_dict(student.gradients.call(params, X, y, "relu"), reference.gradients(params, X, y, "relu"), N)


@pytest.mark.points(2)
@pytest.mark.hint("Backward through the sigmoid: dA1 = dZ1 * Z1 * (1 - Z1), with Z1 = sigmoid(A1) "
                  "the output of the forward pass.")
def test_gradients_sigmoid(student, reference, rng):
    params, X, y = _problem(rng)
    _assert_dict(student.gradients.call(params, X, y, activation="sigmoid"),
                 reference.gradients(params, X, y, "sigmoid"), N)


@pytest.mark.points(3)
@pytest.mark.hint("Gradient check: backprop must agree with (loss(p + h) - loss(p - h)) / 2h for every "
                  "parameter. Check each layer's backward step, and that dS is divided by the batch size.")
def test_gradients_match_numerical(student, reference, rng):
    for activation in ACTIVATIONS:
        params, X, y = _problem(rng)
        record = student.gradients.call(params, X, y, activation)
        got = _as_dict(record.value, record.call)
        numeric = _numerical(reference, params, X, y, activation)
        for key in KEYS:
            _same_shape(got[key], numeric[key], record.call, key, N)
            error = relative_error(got[key], numeric[key])
            if not error < BACKPROP_TOL:
                fail(t("for {key} the relative error between your backprop gradient and the numerical "
                       "gradient of the loss is {error:.3g} (a correct backprop gives less than 1e-8; "
                       "the limit is {limit:g}).\n"
                       "numerical: {numerical}\n"
                       "yours:     {yours}", key=repr(key), error=error, limit=BACKPROP_TOL,
                       numerical=str(np.round(numeric[key].ravel()[:6], 6)),
                       yours=str(np.round(np.asarray(got[key], dtype=float).ravel()[:6], 6))),
                     call=record.call, hint=_grad_hint(key, N)(got[key], numeric[key]))


@pytest.mark.points(2)
@pytest.mark.hint("For each element: save it, set p + h, compute the loss, set p - h, compute the loss, "
                  "put the saved value back; the gradient is (loss_plus - loss_minus) / (2 * h), a central "
                  "difference, not (loss_plus - loss) / h.")
def test_numerical_gradients(student, reference, rng):
    for activation in ACTIVATIONS:
        params, X, y = _problem(rng, n=4, d=3, hidden=4, classes=3)
        for kwargs in ({"h": 1e-2}, {}):
            record = student.numerical_gradients.call(params, X, y, activation, **kwargs)
            got = _as_dict(record.value, record.call)
            expected = reference.numerical_gradients(params, X, y, activation, **kwargs)
            for key in KEYS:
                _same_shape(got[key], expected[key], record.call, key, 4)
                error = relative_error(got[key], expected[key])
                if not error < NUMERICAL_TOL:
                    fail(t("for {key} your numerical gradient differs from the central difference by a "
                           "relative error of {error:.3g} (limit {limit:g}).", key=repr(key), error=error,
                           limit=NUMERICAL_TOL), call=record.call)


@pytest.mark.points(1)
@pytest.mark.hint("Accept only 'relu' and 'sigmoid': anything else should "
                  "raise ValueError(\"activation must be 'relu' or 'sigmoid'\").")
def test_unknown_activation(student, rng):
    params, X, y = _problem(rng)
    unknown = t("an activation it does not know")
    expect_raises(student.forward, "ValueError", params, X, activation="tanh", reason=unknown)
    expect_raises(student.loss, "ValueError", params, X, y, activation="softmax", reason=unknown)
    expect_raises(student.gradients, "ValueError", params, X, y, activation="step", reason=unknown)


@pytest.mark.points(1)
@pytest.mark.hint("predict returns one integer label per sample, the class with the largest probability "
                  "(or score): np.argmax(..., axis=1). Not the probabilities themselves.")
def test_predict(student, reference, rng):
    params, X, _ = _problem(rng, n=12)
    check(student.predict, reference.predict, params, X)
    check(student.predict, reference.predict, params, X, activation="sigmoid")


@pytest.mark.points(2)
@pytest.mark.hint("Start from init_params(X.shape[1], hidden_size, max(y) + 1, seed=seed); each step sets "
                  "params[key] = params[key] - lr * grads[key] for all four keys, the biases included.")
def test_train_update_rule(student, reference, rng):
    # One batch per epoch (batch_size >= n): the order of the samples cannot matter,
    # so two epochs are exactly two full-batch gradient steps.
    X = rng.uniform(0.0, 1.0, size=(8, 4))
    y = rng.permutation(np.arange(8) % 3)
    for activation, seed, batch_size in (("relu", 3, 8), ("sigmoid", 5, 100)):
        expected = reference.init_params(4, 5, 3, seed=seed)
        for _ in range(2):
            grads = reference.gradients(expected, X, y, activation)
            expected = {key: expected[key] - 0.5 * grads[key] for key in KEYS}
        record = student.train.call(X, y, hidden_size=5, lr=0.5, epochs=2, batch_size=batch_size, seed=seed,
                                    activation=activation)
        got = _as_dict(record.value, record.call)
        if not (np.any(np.asarray(got["b1"], dtype=float)) or np.any(np.asarray(got["b2"], dtype=float))):
            fail("after two steps the biases b1 and b2 are still all zeros: they are parameters too, so update "
                 "them like the weights, params['b1'] - lr * grads['b1'].", call=record.call)
        _assert_dict(record, expected)


@pytest.mark.points(3)
@pytest.mark.timeout(30)
@pytest.mark.hint("Training should reach 90% on digits it never saw. Check the gradients first (the tests "
                  "above), then the loop: every epoch, shuffle, cut into batches of batch_size, and update "
                  "all four parameters by -lr * gradient after each batch.")
def test_train_digits(student, rng):
    X, y = load_digits()
    order = rng.permutation(len(y))
    test, train = order[:400], order[400:]
    record = student.train.call(X[train], y[train], hidden_size=50, lr=0.5, epochs=20, batch_size=32, seed=0)
    got = _as_dict(record.value, record.call)
    params = {key: np.asarray(got[key], dtype=np.float64) for key in KEYS}
    shapes = {"W1": (64, 50), "b1": (50,), "W2": (50, 10), "b2": (10,)}
    for key, shape in shapes.items():
        if params[key].shape != shape:
            fail(t("params[{key}] has shape {shape}; expected {expected} (64 pixels, 50 hidden units, 10 classes).",
                   key=repr(key), shape=str(params[key].shape), expected=str(shape)), call=record.call)
    accuracy = float(np.mean(_labels(params, X[test]) == y[test]))
    if not accuracy >= 0.90:
        fail(t("the trained network classifies {accuracy:.1%} of 400 held-out digits correctly; "
               "at least 90% is needed.", accuracy=accuracy), call=record.call)
    labels_record = student.predict.call(params, X[test])
    assert_close(labels_record.value, _labels(params, X[test]), call=labels_record.call)


@pytest.mark.points(1)
@pytest.mark.hint("Leave params, X and y as they were: compute new arrays (params[key] - lr * grad) instead "
                  "of changing them in place, and put back every value numerical_gradients changes.")
def test_inputs_unchanged(student, rng):
    params, X, y = _problem(rng, n=4, d=3, hidden=4, classes=3)
    assert_unchanged(student.forward.call(params, X))
    assert_unchanged(student.loss.call(params, X, y))
    for activation in ACTIVATIONS:
        assert_unchanged(student.gradients.call(params, X, y, activation))
        assert_unchanged(student.numerical_gradients.call(params, X, y, activation))
    assert_unchanged(student.predict.call(params, X))
    assert_unchanged(student.train.call(X, y, hidden_size=3, lr=0.5, epochs=2, batch_size=2))


### BEGIN HIDDEN TESTS
@pytest.mark.hidden
@pytest.mark.points(2)
@pytest.mark.timeout(30)
@pytest.mark.hint("With activation='sigmoid' the network should also reach 90% on held-out digits.")
def test_train_digits_sigmoid(student):
    X, y = load_digits()
    # A fixed split, not one drawn from the run's seed: a training with small mistakes can land
    # near 90%, and its verdict must not depend on which 400 digits happen to be held out.
    order = np.random.default_rng(HELD_OUT_SEED).permutation(len(y))
    test, train = order[:400], order[400:]
    record = student.train.call(X[train], y[train], hidden_size=50, lr=1.0, epochs=30, batch_size=32, seed=1,
                                activation="sigmoid")
    got = _as_dict(record.value, record.call)
    params = {key: np.asarray(got[key], dtype=np.float64) for key in KEYS}
    accuracy = float(np.mean(_labels(params, X[test], "sigmoid") == y[test]))
    if not accuracy >= 0.90:
        fail(t("the trained network classifies {accuracy:.1%} of 400 held-out digits correctly; "
               "at least 90% is needed.", accuracy=accuracy), call=record.call)


@pytest.mark.hidden
@pytest.mark.points(1)
@pytest.mark.hint("Backprop must also work for a single sample (n = 1) and a wider network.")
def test_gradients_single_sample_and_wide(student, reference, rng):
    for n, d, hidden, classes in ((1, 4, 5, 3), (9, 7, 11, 6)):
        params, X, y = _problem(rng, n=n, d=d, hidden=hidden, classes=classes)
        for activation in ACTIVATIONS:
            _assert_dict(student.gradients.call(params, X, y, activation),
                         reference.gradients(params, X, y, activation), n)


@pytest.mark.hidden
@pytest.mark.points(1)
@pytest.mark.hint("Large scores must give finite gradients: compute the softmax with the max subtracted.")
def test_gradients_large_scores(student, reference, rng):
    shifted, confident, X, y = _large_scores(rng)
    for params in (shifted, confident):
        _assert_dict(student.gradients.call(params, X, y), reference.gradients(params, X, y), N)
### END HIDDEN TESTS
