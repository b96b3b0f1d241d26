"""Grader: gradient_descent (경사 하강법) — numerical gradients, descent, learning-rate
schedules and optimizers."""

import copy

import numpy as np
import pytest

from autograde.compare import assert_close, assert_unchanged, check, every_case, fail
from autograde.i18n import Join, course, t
from autograde.sandbox.functions import Function

# A central difference on `cubic` with h = 1e-4 is off by h**2 = 1e-8 at most; another
# correct way of writing it differs from the reference by rounding only (~1e-11). A
# forward difference is off by about h * f''(x) / 2 (~1e-4), far outside this.
NUMGRAD_TOL = {"rtol": 1e-6, "atol": 1e-8}
# Descent, regression and optimizers repeat the same arithmetic; rearranging it
# (x - lr * g versus x + (-lr) * g, a loop versus X.T @ e) changes rounding only.
TRAJECTORY_TOL = {"rtol": 1e-6, "atol": 1e-9}
# Optimizer steps are about lr in size. Where eps sits (sqrt(h) + eps, sqrt(h + eps),
# Keras's "epsilon hat" in Adam) moves a step by less than 1e-6 of itself for the
# gradients used here (|g| >= 0.5); every wrong formula moves it by several percent.
OPTIMIZER_TOL = {"rtol": 1e-6, "atol": 1e-7}

OPTIMIZERS = ("SGD", "Momentum", "AdaGrad", "RMSprop", "Adam")
PARAM_SHAPES = {"W1": (3, 4), "b1": (4,), "W2": (4, 2), "b2": (2,)}
# The update rule of each optimizer, shown as the hint of its test.
FORMULAS = {
    "SGD": "SGD: for every key, params[key] -= self.lr * grads[key].",
    "Momentum": "Momentum: v = momentum * v - lr * g, then params[key] += v; v starts at zeros and is kept in a "
                "dict on self (self.v[key]) from one update to the next.",
    "AdaGrad": "AdaGrad: h += g * g (h starts at zeros and keeps growing), then "
               "params[key] -= lr * g / (np.sqrt(h) + eps).",
    "RMSprop": "RMSprop: h = rho * h + (1 - rho) * g * g (a moving average; h starts at zeros), then "
               "params[key] -= lr * g / (np.sqrt(h) + eps).",
    "Adam": "Adam: t += 1 once per update; m = beta1 * m + (1 - beta1) * g; v = beta2 * v + (1 - beta2) * g * g; "
            "m_hat = m / (1 - beta1 ** t); v_hat = v / (1 - beta2 ** t); "
            "params[key] -= lr * m_hat / (np.sqrt(v_hat) + eps).",
}
STATE_HINT = ("Your first update is right but a later one is not. The optimizer's state (the velocity, the sum "
              "or average of squared gradients, Adam's moments and step count) must live on the object "
              "(self.v, self.h, self.t, ...), be created once, and carry over from one update call to the next; "
              "do not reset it inside update, and count Adam's steps on self. ")
NOT_IN_PLACE_HINT = ("update did not change the caller's params: change the arrays in place "
                     "(params[key] -= ...) instead of building new ones or returning a result.")


def _signed(rng, shape, low=0.5, high=2.0):
    """Random values of either sign, bounded away from 0 (so that eps never matters)."""
    return rng.choice([-1.0, 1.0], size=shape) * rng.uniform(low, high, size=shape)


def _params(rng):
    return {key: rng.normal(size=shape) for key, shape in PARAM_SHAPES.items()}


def _grads(rng):
    return {key: _signed(rng, shape) for key, shape in PARAM_SHAPES.items()}


def _unpack(record, names):
    """The learner's tuple result, checked to hold ``len(names)`` items."""
    value = record.value
    if not (isinstance(value, (tuple, list)) and len(value) == len(names)):
        fail(t("expected a tuple ({names}); your function returned {type} {value}.", names=", ".join(names),
               type=type(value).__name__, value=repr(value)[:80]), call=record.call,
             hint=t("End with `return {names}`.", names=", ".join(names)))
    return value


# ---------------------------------------------------------------- numerical_gradient


def _difference_quotients(f, x, h):
    """Forward and backward difference quotients (the usual wrong answers)."""
    forward, backward = np.zeros_like(x), np.zeros_like(x)
    for i in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[i] = h
        forward[i] = (f(x + e) - f(x)) / h
        backward[i] = (f(x) - f(x - e)) / h
    return forward, backward


def _numgrad_hint(f, x, h):
    """A hint function that recognises the usual wrong difference quotients."""
    forward, backward = _difference_quotients(f, x, h)
    central_default_h = np.mean(_difference_quotients(f, x, 1e-4), axis=0)

    def hint(got, expected):
        try:
            got = np.asarray(got, dtype=np.float64)
        except (TypeError, ValueError):
            return None
        if got.shape != x.shape:
            return None
        if np.allclose(got, forward, **NUMGRAD_TOL) or np.allclose(got, backward, **NUMGRAD_TOL):
            return ("This is a one-sided difference, such as (f(x + h) - f(x)) / h. Use the central difference "
                    "(f(x + h) - f(x - h)) / (2 * h): its error shrinks like h**2 instead of h.")
        if np.allclose(got, expected * h * h, rtol=1e-6, atol=0.0):
            return ("Mind the brackets: (f1 - f2) / 2 * h divides by 2 and then multiplies by h. "
                    "Write (f1 - f2) / (2 * h).")
        if h != 1e-4 and np.allclose(got, central_default_h, **NUMGRAD_TOL):
            return t("Your result is the one for h = 1e-4, but the call asked for h = {h}: use the h argument.", h=h)
        return None

    return hint


def _numerical_gradient(student, reference, name, x, *args, **kwargs):
    """Compare the learner's numerical gradient of the registry function ``name`` at ``x``."""
    h = kwargs.get("h", args[0] if args else 1e-4)
    check(student.numerical_gradient, reference.numerical_gradient, Function(name), x, *args,
          hint=_numgrad_hint(Function(name), x, h), **kwargs, **NUMGRAD_TOL)


@pytest.mark.points(2)
@pytest.mark.hint("For each element i: remember x[i], set it to x[i] + h and evaluate f, set it to x[i] - h and "
                  "evaluate f, put the original back, and store (f(x + h) - f(x - h)) / (2 * h).")
def test_numerical_gradient_values(student, reference, rng):
    _numerical_gradient(student, reference, "cubic", rng.uniform(-2.0, 2.0, size=6))
    _numerical_gradient(student, reference, "exp_sum", rng.uniform(-1.0, 1.0, size=4))
    _numerical_gradient(student, reference, "rosenbrock", np.array([-1.2, 1.0]))
    _numerical_gradient(student, reference, "rosenbrock", rng.uniform(-1.0, 1.0, size=2))


@pytest.mark.points(1)
@pytest.mark.hint("x may have any shape. Visit every element with np.ndindex(x.shape) (or np.nditer with "
                  "multi_index) and use the index tuple: for a 2-D x, x[i] with one number is a whole row.")
def test_numerical_gradient_2d(student, reference, rng):
    _numerical_gradient(student, reference, "cubic", rng.uniform(-2.0, 2.0, size=(3, 4)))
    _numerical_gradient(student, reference, "shifted_quadratic", rng.uniform(-2.0, 2.0, size=(2, 3)))


@pytest.mark.points(1)
@pytest.mark.hint("Use the h argument for the step, both in x + h and x - h and in the division by 2 * h; "
                  "do not write 1e-4 into the body.")
def test_numerical_gradient_h(student, reference, rng):
    x = rng.uniform(-2.0, 2.0, size=5)
    _numerical_gradient(student, reference, "cubic", x, h=1e-2)
    _numerical_gradient(student, reference, "cubic", x, 1e-3)


# ---------------------------------------------------------------- gradient_descent


def _history_hint(x0):
    def hint(got, expected):
        try:
            got = np.asarray(got, dtype=np.float64)
        except (TypeError, ValueError):
            return "history should be one array: collect the points in a list and return np.array(history)."
        expected = np.asarray(expected)
        if got.ndim == expected.ndim and got.shape[0] == expected.shape[0] - 1 > 0 and got.shape[1:] == x0.shape:
            if np.allclose(got, expected[:-1], **TRAJECTORY_TOL):
                return ("history is missing the last point: it has steps + 1 rows, x0 and then the point after "
                        "every step (record x after the step, not before).")
            if np.allclose(got, expected[1:], **TRAJECTORY_TOL):
                return "history must start with x0 itself, then hold the point after every step."
        if got.shape == expected.shape and len(got) > 1 and np.allclose(got, got[-1:], **TRAJECTORY_TOL):
            return ("Every row of history is the final x: you appended the same array each time and then "
                    "changed it in place. Append a copy (history.append(x.copy())) or use x = x - lr * g.")
        return None

    return hint


def _descend(student, reference, grad_name, x0, **kwargs):
    """Run both and compare x_final and history; returns the learner's pair."""
    record = student.gradient_descent.call(Function(grad_name), x0, **kwargs)
    x_final, history = _unpack(record, ("x_final", "history"))
    x_ref, history_ref = reference.gradient_descent(Function(grad_name), x0.copy(), **kwargs)
    assert_close(history, history_ref, call=record.call, what="your history", hint=_history_hint(x0),
                 **TRAJECTORY_TOL)
    assert_close(x_final, x_ref, call=record.call, what="your x_final",
                 hint="x_final is the point after the last step (the last row of history).", **TRAJECTORY_TOL)
    return x_final, history


@pytest.mark.points(2)
@pytest.mark.hint("Repeat `steps` times: x = x - lr * grad(x). Use the lr and steps arguments "
                  "(defaults lr=0.1, steps=100).")
def test_gradient_descent_values(student, reference, rng):
    _descend(student, reference, "rosenbrock_grad", np.array([-1.2, 1.0]), lr=0.001, steps=50)
    _descend(student, reference, "booth_grad", rng.uniform(-3.0, 3.0, size=2), lr=0.05, steps=20)
    _descend(student, reference, "sphere_grad", rng.uniform(-3.0, 3.0, size=3))


@pytest.mark.points(2)
@pytest.mark.hint("history has shape (steps + 1, *x0.shape): first x0, then the point after each step. "
                  "Append a copy of x (x.copy()) and return np.array(history).")
def test_gradient_descent_history(student, reference, rng):
    x0 = rng.uniform(-3.0, 3.0, size=(2, 3))
    _descend(student, reference, "shifted_quadratic_grad", x0, lr=0.05, steps=7)


@pytest.mark.points(1)
@pytest.mark.hint("With steps=0 nothing moves: x_final is x0 and history holds just x0, shape (1, *x0.shape).")
def test_gradient_descent_zero_steps(student, reference, rng):
    _descend(student, reference, "sphere_grad", rng.uniform(-3.0, 3.0, size=(2, 2)), lr=0.1, steps=0)


# ---------------------------------------------------------------- linear_regression_gd


def _regression_data(rng, n=40, d=3):
    X = rng.normal(size=(n, d))
    w_true = rng.uniform(-2.0, 2.0, size=d)
    y = X @ w_true + 0.7 + 0.1 * rng.normal(size=n)
    return X, y


def _regress(student, reference, X, y, **kwargs):
    """The learner's (w, b, losses) and the reference's, losses as float arrays."""
    record = student.linear_regression_gd.call(X, y, **kwargs)
    w, b, losses = _unpack(record, ("w", "b", "losses"))
    w_ref, b_ref, losses_ref = reference.linear_regression_gd(X.copy(), y.copy(), **kwargs)
    try:
        losses = np.asarray(losses, dtype=np.float64)
    except (TypeError, ValueError):
        fail(t("losses should be a list of numbers, one per epoch; it is {losses}.", losses=repr(losses)[:80]),
             call=record.call)
    return record, (w, b, losses), (w_ref, b_ref, np.asarray(losses_ref))


@pytest.mark.points(2)
@pytest.mark.hint("Start from w = zeros(d), b = 0. Each epoch: error = X @ w + b - y, then "
                  "w -= lr * 2 / n * X.T @ error and b -= lr * 2 / n * sum(error) (the MSE's gradient has a "
                  "factor 2). Return b as a single number.")
def test_linear_regression_weights(student, reference, rng):
    X, y = _regression_data(rng)
    for kwargs in ({"lr": 0.02, "epochs": 30}, {}):
        record, (w, b, _), (w_ref, b_ref, _) = _regress(student, reference, X, y, **kwargs)
        assert_close(w, w_ref, call=record.call, what="your w", **TRAJECTORY_TOL)
        assert_close(b, b_ref, call=record.call, what="your b", **TRAJECTORY_TOL)


def _losses_hint(y):
    def hint(got, expected):
        if got.shape == expected.shape and len(got) > 1:
            if not np.isclose(got[0], np.mean(y**2)) and np.allclose(got[:-1], expected[1:], **TRAJECTORY_TOL):
                return ("Your losses are those after each update. Record the loss of the current w, b first, "
                        "then update: losses[0] is the loss of w = 0, b = 0, which is mean(y ** 2).")
        return None

    return hint


@pytest.mark.points(2)
@pytest.mark.hint("Append the loss mean((X @ w + b - y) ** 2) once per epoch, before that epoch's update: "
                  "losses[0] is the loss of w = 0, b = 0.")
def test_linear_regression_losses(student, reference, rng):
    X, y = _regression_data(rng)
    record, (_, _, losses), (_, _, losses_ref) = _regress(student, reference, X, y, lr=0.05, epochs=60)
    assert_close(losses, losses_ref, call=record.call, what="your losses", hint=_losses_hint(y),
                 **TRAJECTORY_TOL)
    if not np.all(np.diff(losses) <= 1e-12):
        fail("the loss went up during training.", call=record.call)


# ---------------------------------------------------------------- schedules


@pytest.mark.points(1)
@pytest.mark.hint("step_decay keeps the rate constant for epochs_drop epochs, then multiplies it by drop: "
                  "lr0 * drop ** np.floor(epoch / epochs_drop) (or epoch // epochs_drop).")
def test_step_decay(student, reference):
    for epoch in (0, 1, 9, 10, 11, 19, 20, 25, 30):
        check(student.step_decay, reference.step_decay, 0.1, epoch)
    for epoch in (0, 3, 4, 7, 8, 13):
        check(student.step_decay, reference.step_decay, 0.5, epoch, drop=0.8, epochs_drop=4)
    check(student.step_decay, reference.step_decay, 2.0, 9, 0.1, 3)


@pytest.mark.points(1)
@pytest.mark.hint("exponential_decay is lr0 * exp(-k * epoch): the minus sign makes the rate shrink. "
                  "Use the k argument.")
def test_exponential_decay(student, reference):
    for epoch in (0, 1, 5, 10, 50):
        check(student.exponential_decay, reference.exponential_decay, 0.1, epoch)
    check(student.exponential_decay, reference.exponential_decay, 0.5, 7, k=0.3)
    check(student.exponential_decay, reference.exponential_decay, 0.5, 7, 0.01)


@pytest.mark.points(1)
@pytest.mark.hint("inverse_time_decay is lr0 / (1 + decay_rate * epoch). Use the decay_rate argument.")
def test_inverse_time_decay(student, reference):
    for epoch in (0, 1, 5, 10, 100):
        check(student.inverse_time_decay, reference.inverse_time_decay, 0.1, epoch)
    check(student.inverse_time_decay, reference.inverse_time_decay, 0.5, 7, decay_rate=0.5)
    check(student.inverse_time_decay, reference.inverse_time_decay, 0.5, 7, 2.0)


# ---------------------------------------------------------------- optimizers


def _label(name, kwargs):
    return f"{name}({', '.join(f'{k}={v!r}' for k, v in kwargs.items())})"


def _trajectory(student, reference, rng, name, kwargs, steps=8, defaults=False):
    """Step the learner's optimizer and the reference's side by side on the same params
    and gradients; compare every parameter array after every update. With ``defaults``
    a difference is blamed on the default hyper-parameters (the test's own hint)."""
    opt, ref = getattr(student, name)(**kwargs), getattr(reference, name)(**kwargs)
    params = _params(rng)
    expected = copy.deepcopy(params)
    for k in range(1, steps + 1):
        grads = _grads(rng)
        before = copy.deepcopy(params)
        ref.update(expected, copy.deepcopy(grads))  # first: the learner might change grads
        opt.update.call(params, grads, inplace=True)

        def hint(got, exp, k=k, before=before):
            if all(np.array_equal(params[key], before[key]) for key in params):
                return NOT_IN_PLACE_HINT
            return Join((course(STATE_HINT), course(FORMULAS[name])), "") if k > 1 and not defaults else None

        for key in params:
            assert_close(params[key], expected[key], hint=hint, **OPTIMIZER_TOL,
                         call=f"{_label(name, kwargs)}.update(params, grads), update {k} of {steps}, "
                              f"then params[{key!r}]")


@pytest.mark.points(1)
@pytest.mark.hint(FORMULAS["SGD"])
def test_sgd(student, reference, rng):
    _trajectory(student, reference, rng, "SGD", {"lr": 0.1})


@pytest.mark.points(2)
@pytest.mark.hint(FORMULAS["Momentum"])
def test_momentum(student, reference, rng):
    _trajectory(student, reference, rng, "Momentum", {"lr": 0.05, "momentum": 0.8})


@pytest.mark.points(2)
@pytest.mark.hint(FORMULAS["AdaGrad"])
def test_adagrad(student, reference, rng):
    _trajectory(student, reference, rng, "AdaGrad", {"lr": 0.1})


@pytest.mark.points(2)
@pytest.mark.hint(FORMULAS["RMSprop"])
def test_rmsprop(student, reference, rng):
    _trajectory(student, reference, rng, "RMSprop", {"lr": 0.01, "rho": 0.8})


@pytest.mark.points(2)
@pytest.mark.hint(FORMULAS["Adam"])
def test_adam(student, reference, rng):
    _trajectory(student, reference, rng, "Adam", {"lr": 0.01, "beta1": 0.8, "beta2": 0.99})


@pytest.mark.points(1)
@pytest.mark.hint("Use the contract's defaults: SGD(lr=0.01), Momentum(lr=0.01, momentum=0.9), "
                  "AdaGrad(lr=0.01, eps=1e-7), RMSprop(lr=0.001, rho=0.9, eps=1e-7), "
                  "Adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8). Create the state in __init__ (self.v = {}), "
                  "not on the class, so that a new optimizer starts afresh.")
def test_optimizer_defaults(student, reference, rng):
    with every_case() as case:  # every optimizer whose defaults are wrong, in one message
        for name in OPTIMIZERS:
            with case:
                _trajectory(student, reference, rng, name, {}, steps=4, defaults=True)


@pytest.mark.points(1)
@pytest.mark.hint("update(params, grads) must change the arrays of params in place (params[key] -= ...), "
                  "as the network that owns them will not look at a returned value.")
def test_update_in_place(student, rng):
    with every_case() as case:
        for name in OPTIMIZERS:
            params = _params(rng)
            before = copy.deepcopy(params)
            grads = _grads(rng)
            with case:
                getattr(student, name)().update.call(params, grads, inplace=True)
                unchanged = [key for key in params if np.array_equal(params[key], before[key])]
                if unchanged:
                    fail(t("params[{key}] is unchanged afterwards: update must change the arrays of params in "
                           "place.", key=repr(unchanged[0])), call=f"{name}().update(params, grads)")


@pytest.mark.points(1)
@pytest.mark.hint("eps is the argument the caller gives: use self.eps in the division, "
                  "not a fixed 1e-7.")
def test_eps_is_used(student, rng):
    # With a huge eps the step lr * g / (sqrt(h) + eps) is tiny, wherever eps is added
    # (outside or inside the square root); an ignored eps leaves a step of about lr.
    with every_case() as case:
        for name in ("AdaGrad", "RMSprop", "Adam"):
            params = _params(rng)
            before = copy.deepcopy(params)
            grads = _grads(rng)
            with case:
                getattr(student, name)(lr=0.1, eps=1e4).update.call(params, grads, inplace=True)
                largest = max(float(np.max(np.abs(params[key] - before[key]))) for key in params)
                if largest > 0.01:
                    fail(t("with {name}(lr=0.1, eps=1e4) one update moved a parameter by {largest:.3g}; with so "
                           "large an eps the step lr * g / (sqrt(h) + eps) is tiny (below 0.01).", name=name,
                           largest=largest),
                         call=f"{name}(lr=0.1, eps=10000.0).update(params, grads)")


@pytest.mark.points(1)
@pytest.mark.hint("Leave the caller's arrays alone: work on a copy of x0 and X, restore x[i] after "
                  "changing it, and never change grads inside update.")
def test_inputs_unchanged(student, rng):
    x = rng.uniform(-2.0, 2.0, size=(2, 3))
    before = x.copy()
    record = student.numerical_gradient.call(Function("cubic"), x, inplace=True)
    # x[i] += h; x[i] -= 2 * h; x[i] += h may leave rounding dust of an ulp: accepted.
    if not np.allclose(x, before, rtol=1e-12, atol=1e-15):
        fail("your function changed its input x instead of leaving it as it was.", call=record.call,
             hint="After evaluating f at x[i] + h and x[i] - h, put the original value back: x[i] = old.")
    assert_unchanged(student.gradient_descent.call(Function("sphere_grad"), rng.normal(size=3), steps=3))
    X, y = _regression_data(rng, n=10, d=2)
    assert_unchanged(student.linear_regression_gd.call(X, y, epochs=5))
    for name in OPTIMIZERS:
        grads = _grads(rng)
        sent = copy.deepcopy(grads)
        getattr(student, name)().update.call(_params(rng), grads, inplace=True)
        changed = [key for key in grads if not np.array_equal(grads[key], sent[key])]
        if changed:
            fail(t("update changed grads[{key}]; only the arrays of params may change.", key=repr(changed[0])),
                 call=f"{name}().update(params, grads)",
                 hint="Compute the step into a new array (step = self.lr * grads[key]) instead of changing "
                      "grads[key] in place.")


### BEGIN HIDDEN TESTS
@pytest.mark.hidden
@pytest.mark.points(1)
@pytest.mark.hint("Keep the state on the instance (self.v = {} in __init__), not on the class: two optimizers "
                  "must not share their velocity or caches.")
def test_optimizers_do_not_share_state(student, reference, rng):
    for name in ("Momentum", "AdaGrad", "RMSprop", "Adam"):
        first, second = getattr(student, name)(lr=0.05), getattr(student, name)(lr=0.05)
        ref_first, ref_second = getattr(reference, name)(lr=0.05), getattr(reference, name)(lr=0.05)
        p1, p2 = _params(rng), _params(rng)
        e1, e2 = copy.deepcopy(p1), copy.deepcopy(p2)
        for _ in range(3):
            g1, g2 = _grads(rng), _grads(rng)
            ref_first.update(e1, copy.deepcopy(g1))
            ref_second.update(e2, copy.deepcopy(g2))
            first.update.call(p1, g1, inplace=True)
            second.update.call(p2, g2, inplace=True)
        for key in p1:
            assert_close(p1[key], e1[key], call=f"two {name} objects, updated in turn; the first's params[{key!r}]",
                         **OPTIMIZER_TOL)
            assert_close(p2[key], e2[key], call=f"two {name} objects, updated in turn; the second's params[{key!r}]",
                         **OPTIMIZER_TOL)


@pytest.mark.hidden
@pytest.mark.points(1)
@pytest.mark.hint("x0 may be a list of integers: start from x = np.array(x0, dtype=float).")
def test_gradient_descent_list_input(student, reference):
    check(student.gradient_descent, reference.gradient_descent, Function("shifted_quadratic_grad"), [3, -2],
          lr=0.1, steps=5, **TRAJECTORY_TOL)


@pytest.mark.hidden
@pytest.mark.points(1)
@pytest.mark.hint("x may have any number of dimensions: loop over np.ndindex(x.shape).")
def test_numerical_gradient_3d(student, reference, rng):
    _numerical_gradient(student, reference, "exp_sum", rng.uniform(-1.0, 1.0, size=(2, 2, 3)))


@pytest.mark.hidden
@pytest.mark.points(1)
def test_linear_regression_converges(student, rng):
    X, y = _regression_data(rng, n=60, d=1)
    record = student.linear_regression_gd.call(X, y, lr=0.1, epochs=500)
    w, b, _ = _unpack(record, ("w", "b", "losses"))
    A = np.hstack([X, np.ones((len(X), 1))])
    solution = np.linalg.lstsq(A, y, rcond=None)[0]
    assert_close(np.append(w, b), solution, call=record.call, what="your (w, b)", rtol=1e-6, atol=1e-6,
                 hint="After 500 epochs with lr=0.1 on one feature, w and b reach the least-squares solution.")
### END HIDDEN TESTS
