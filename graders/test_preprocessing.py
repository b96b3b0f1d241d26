"""Grader: preprocessing — standardization (표준화), min-max normalization (정규화), a
train/dev/test split, the L2 penalty (L2 규제) and inverted dropout (드롭아웃)."""

import math

import numpy as np
import pytest

from autograde.compare import assert_close, assert_unchanged, check, expect_raises, fail
from autograde.errors import StudentException
from autograde.i18n import t

SPLIT_NAMES = ("X_train", "y_train", "X_dev", "y_dev", "X_test", "y_test")


def _table(rng, n=12, d=4):
    """Features on very different scales, as real tables have them."""
    return rng.normal(loc=rng.uniform(-50, 50, size=d), scale=rng.uniform(0.5, 20, size=d), size=(n, d))


def _numbered(rng, n, d=3):
    """Rows whose first column is the row number, so every row can be traced after a shuffle."""
    X = rng.normal(size=(n, d))
    X[:, 0] = np.arange(n)
    return X


def _params(rng):
    return {"W1": rng.normal(size=(3, 4)), "b1": rng.normal(size=4),
            "W2": rng.normal(size=(4, 2)), "b2": rng.normal(size=2)}


def _nan_hint(got, expected):
    if np.isnan(np.asarray(got, dtype=float)).any():
        return ("Your result contains nan: a constant feature has std == 0 and 0 / 0 is nan. Add eps to the "
                "standard deviation: (X - mean) / (std + eps).")
    return None


def _close(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-6, atol=1e-9))


# --- standardization -----------------------------------------------------------------


@pytest.mark.points(1)
@pytest.mark.hint("Take the mean and the standard deviation of each column: X.mean(axis=0) and X.std(axis=0) "
                  "(ddof=0, divide by n). Both have shape (d,).")
def test_fit_standardizer(student, reference, rng):
    X = _table(rng)

    def ddof_hint(got, expected):
        if isinstance(got, (tuple, list)) and len(got) == 2 and _close(got[1], X.std(axis=0, ddof=1)):
            return ("Your std divides by n - 1 (ddof=1, the sample standard deviation). Use the population "
                    "standard deviation, np.std(X, axis=0) with the default ddof=0.")
        return None

    check(student.fit_standardizer, reference.fit_standardizer, X, hint=ddof_hint)
    check(student.fit_standardizer, reference.fit_standardizer, np.array([[1, 10], [3, 10], [8, 10]]))


@pytest.mark.points(1)
@pytest.mark.hint("standardize(X, mean, std, eps) is (X - mean) / (std + eps), with mean and std of shape (d,) "
                  "broadcast against every row.")
def test_standardize_values(student, reference, rng):
    X = _table(rng)
    mean, std = reference.fit_standardizer(X)
    check(student.standardize, reference.standardize, X, mean, std, hint=_nan_hint)


@pytest.mark.points(2)
@pytest.mark.hint("Use the mean and std you are given (the training set's), never the statistics of the X "
                  "you are standardizing: that is how a test set is scaled without a data leak.")
def test_standardize_train_statistics_on_test(student, reference, rng):
    X_train = _table(rng, n=20)
    X_test = 2.0 * _table(rng, n=6) + 3.0  # another distribution: its own statistics differ a lot
    mean, std = reference.fit_standardizer(X_train)
    leaked = reference.standardize(X_test, *reference.fit_standardizer(X_test))  # the test set's own statistics

    def leak_hint(got, expected):
        if _close(got, leaked):
            return ("You standardized the test set with its own mean and std (a data leak). Use the mean and "
                    "std arguments, which were fitted on the training set.")
        return None

    check(student.standardize, reference.standardize, X_test, mean, std, hint=leak_hint)


@pytest.mark.points(2)
@pytest.mark.hint("A feature with the same value in every row has std == 0; (X - mean) / (std + eps) makes it 0, "
                  "not nan.")
def test_standardize_constant_feature(student, reference, rng):
    X = _table(rng, n=8, d=3)
    X[:, 1] = 5.0
    mean, std = reference.fit_standardizer(X)
    check(student.standardize, reference.standardize, X, mean, std, hint=_nan_hint)


@pytest.mark.points(1)
@pytest.mark.hint("Use the eps argument, added to the standard deviation: (X - mean) / (std + eps); not "
                  "sqrt(var + eps), not a fixed 1e-8.")
def test_standardize_eps_argument(student, reference, rng):
    X = rng.normal(scale=0.05, size=(10, 3))
    mean, std = reference.fit_standardizer(X)
    check(student.standardize, reference.standardize, X, mean, std, eps=0.5)
    check(student.standardize, reference.standardize, X, mean, std, 1e-3)


# --- min-max normalization -------------------------------------------------------------


@pytest.mark.points(1)
@pytest.mark.hint("The smallest and the largest value of each column: X.min(axis=0) and X.max(axis=0), "
                  "both of shape (d,).")
def test_fit_min_max(student, reference, rng):
    check(student.fit_min_max, reference.fit_min_max, _table(rng))
    check(student.fit_min_max, reference.fit_min_max, np.array([[1, -2], [3, 4], [2, 0]]))


def _scaled_hint(got, expected):
    if np.isnan(np.asarray(got, dtype=float)).any():
        return ("Your result contains nan: a constant feature has maxs - mins == 0. Count its span as 1: "
                "span = np.where(maxs - mins == 0, 1.0, maxs - mins).")
    return None


@pytest.mark.points(1)
@pytest.mark.hint("(X - mins) / (maxs - mins) maps each column's minimum to 0 and its maximum to 1: divide by the "
                  "span maxs - mins, not by maxs.")
def test_min_max_scale_values(student, reference, rng):
    X = _table(rng, n=10, d=4)
    X[:, 2] = -3.0  # a constant feature: span 0, counted as 1
    mins, maxs = reference.fit_min_max(X)
    check(student.min_max_scale, reference.min_max_scale, X, mins, maxs, hint=_scaled_hint)


@pytest.mark.points(2)
@pytest.mark.hint("With feature_range=(lo, hi) the result is lo + (X - mins) / (maxs - mins) * (hi - lo): "
                  "stretch by (hi - lo), then shift by lo.")
def test_min_max_feature_range(student, reference, rng):
    X = _table(rng, n=10, d=3)
    mins, maxs = reference.fit_min_max(X)
    check(student.min_max_scale, reference.min_max_scale, X, mins, maxs, feature_range=(-1.0, 1.0))
    check(student.min_max_scale, reference.min_max_scale, X, mins, maxs, (2.0, 5.0))


@pytest.mark.points(1)
@pytest.mark.hint("Scale the test set with the training set's mins and maxs (the arguments), and do not clip: a "
                  "test value beyond the training maximum lands above hi.")
def test_min_max_train_statistics_on_test(student, reference, rng):
    X_train = _table(rng, n=15, d=3)
    mins, maxs = reference.fit_min_max(X_train)
    X_test = np.vstack([mins - 2.0, maxs + 3.0, (mins + maxs) / 2])
    leaked = reference.min_max_scale(X_test, *reference.fit_min_max(X_test))  # the test set's own range

    def hint(got, expected):
        if _close(got, leaked):
            return ("You scaled the test set with its own minimum and maximum (a data leak). Use the mins and "
                    "maxs arguments, which were fitted on the training set.")
        if _close(got, np.clip(expected, 0.0, 1.0)):
            return "Do not clip: values outside the training range must land outside [lo, hi]."
        return None

    check(student.min_max_scale, reference.min_max_scale, X_test, mins, maxs, hint=hint)


# --- the train/dev/test split ------------------------------------------------------------


def _split(function, *args, **kwargs):
    """Call the learner's split; return the record and its six arrays, after checking the form."""
    __tracebackhide__ = True
    record = function.call(*args, **kwargs)
    parts = record.value
    if not isinstance(parts, (tuple, list)) or len(parts) != 6:
        fail(t("train_dev_test_split should return six arrays {names}; it returned {type} {value}.",
               names=", ".join(SPLIT_NAMES), type=type(parts).__name__, value=str(parts)[:80]), call=record.call)
    for name, part in zip(SPLIT_NAMES, parts):
        if not isinstance(part, np.ndarray):
            fail(t("{name} should be a NumPy array (rows of the input); it is a {type}.", name=name,
                   type=type(part).__name__), call=record.call)
    return record, parts


@pytest.mark.points(1)
@pytest.mark.hint("n_train = floor(f_train * n), n_dev = floor(f_dev * n) (int(...) rounds down), and the test "
                  "set gets the rest, n - n_train - n_dev. Do not use round().")
def test_split_sizes(student, rng):
    for n, fractions in [(10, (0.8, 0.1, 0.1)), (7, (0.8, 0.1, 0.1)), (23, (0.6, 0.2, 0.2)),
                         (13, (0.75, 0.15, 0.1))]:
        n_train, n_dev = math.floor(fractions[0] * n), math.floor(fractions[1] * n)
        expected = (n_train, n_train, n_dev, n_dev, n - n_train - n_dev, n - n_train - n_dev)
        record, parts = _split(student.train_dev_test_split, _numbered(rng, n), np.arange(n), fractions, seed=1)
        got = tuple(len(p) for p in parts)
        if got != expected:
            fail(t("the six arrays have {got} rows; expected {expected}: floor({f_train} * {n}) = {n_train} "
                   "training rows, floor({f_dev} * {n}) = {n_dev} dev rows and the remaining {n_test} test rows.",
                   got=str(got), expected=str(expected), f_train=fractions[0], f_dev=fractions[1], n=n,
                   n_train=n_train, n_dev=n_dev, n_test=n - n_train - n_dev), call=record.call)


@pytest.mark.points(1)
@pytest.mark.hint("Cut one permutation into three consecutive pieces: perm[:n_train], "
                  "perm[n_train:n_train + n_dev], perm[n_train + n_dev:]. Every row ends up in exactly one part.")
def test_split_partition(student, rng):
    n = 50
    X = _numbered(rng, n)
    record, parts = _split(student.train_dev_test_split, X, np.arange(n), (0.6, 0.2, 0.2), seed=3)
    for name, part in zip(SPLIT_NAMES[::2], parts[::2]):
        if part.ndim != 2 or part.shape[1:] != X.shape[1:] or part.size and not np.isin(part, X).all():
            fail(t("{name} should hold whole rows of X (shape (rows, {columns})); it has shape {shape} "
                   "or values that are not in X.", name=name, columns=X.shape[1], shape=str(part.shape)),
                 call=record.call)
    ids = np.concatenate([p[:, 0] for p in parts[::2]]).astype(int)
    counts = np.bincount(ids, minlength=n)
    repeated, missing = np.flatnonzero(counts > 1), np.flatnonzero(counts == 0)
    if repeated.size or missing.size:
        fail(t("the three parts should share no row and together hold all {n} rows; "
               "{repeated} row(s) appear in more than one part (e.g. rows {repeated_rows}) and "
               "{missing} row(s) are in none (e.g. rows {missing_rows}).", n=n, repeated=repeated.size,
               repeated_rows=str(repeated[:5].tolist()), missing=missing.size,
               missing_rows=str(missing[:5].tolist())), call=record.call)


@pytest.mark.points(2)
@pytest.mark.hint("Shuffle X and y with the same permutation: perm = rng.permutation(n) once, then X[perm] and "
                  "y[perm]. Two shuffles separate the labels from their samples.")
def test_split_keeps_pairs(student, rng):
    n = 40
    X = _numbered(rng, n)
    labels = np.arange(n) * 10 + 7
    for y in (labels, np.stack([labels, -labels], axis=1)):
        record, parts = _split(student.train_dev_test_split, X, y, (0.5, 0.25, 0.25), seed=5)
        for (x_name, X_part), (y_name, y_part) in zip(zip(SPLIT_NAMES[::2], parts[::2]),
                                                      zip(SPLIT_NAMES[1::2], parts[1::2])):
            if y_part.shape != (len(X_part),) + y.shape[1:] or y_part.dtype.kind != y.dtype.kind:
                fail(t("{y_name} has shape {shape} and dtype {dtype}; expected the rows of y "
                       "that go with {x_name}: shape {expected_shape}, dtype {expected_dtype}.", y_name=y_name,
                       shape=str(y_part.shape), dtype=str(y_part.dtype), x_name=x_name,
                       expected_shape=str((len(X_part),) + y.shape[1:]), expected_dtype=str(y.dtype)),
                     call=record.call)
            wrong = np.flatnonzero(np.any((y[X_part[:, 0].astype(int)] != y_part).reshape(len(X_part), -1), axis=1))
            if wrong.size:
                fail(t("{wrong} of the {rows} rows of {y_name} do not belong to the rows of {x_name}: "
                       "row {row} of {x_name} is sample {sample} of X, but row {row} "
                       "of {y_name} is {got}, not {expected}.", wrong=wrong.size, rows=len(X_part), y_name=y_name,
                       x_name=x_name, row=int(wrong[0]), sample=int(X_part[wrong[0], 0]),
                       got=str(y_part[wrong[0]].tolist()), expected=str(y[int(X_part[wrong[0], 0])].tolist())),
                     call=record.call)


@pytest.mark.points(1)
@pytest.mark.hint("Shuffle with rng = np.random.default_rng(seed): the same seed must give the same split, another "
                  "seed another one, and the rows must really be shuffled.")
def test_split_seed(student, rng):
    n = 30
    X, y = _numbered(rng, n), np.arange(n)
    first = _split(student.train_dev_test_split, X, y, seed=11)[1]
    record, again = _split(student.train_dev_test_split, X, y, seed=11)
    if any(a.shape != b.shape or not np.array_equal(a, b) for a, b in zip(first, again)):
        fail("two calls with the same seed gave different splits; build the generator from the seed argument "
             "(np.random.default_rng(seed)) instead of using np.random's global functions.", call=record.call)
    record, other = _split(student.train_dev_test_split, X, y, seed=12)
    if all(a.shape == b.shape and np.array_equal(a, b) for a, b in zip(first, other)):
        fail("seeds 11 and 12 gave exactly the same split; the seed argument must decide the shuffle.",
             call=record.call)
    order = np.concatenate([p[:, 0] for p in first[::2]])
    if np.array_equal(order, np.arange(n)):
        fail("the rows come out in their original order; shuffle them first.", call=record.call)


@pytest.mark.points(1)
@pytest.mark.hint("The contract fixes the shuffle: perm = np.random.default_rng(seed).permutation(n); training rows "
                  "X[perm[:n_train]], dev rows the next n_dev entries of perm, test rows the rest.")
def test_split_follows_the_contract_shuffle(student, reference, rng):
    n = 20
    X, y = _table(rng, n=n, d=3), rng.integers(0, 3, size=n)
    check(student.train_dev_test_split, reference.train_dev_test_split, X, y, seed=7)
    check(student.train_dev_test_split, reference.train_dev_test_split, X, y, (0.5, 0.3, 0.2), 2)


@pytest.mark.points(1)
@pytest.mark.hint("Raise ValueError when the fractions are not three non-negative numbers summing to 1; compare the "
                  "sum with a tolerance (abs(sum(fractions) - 1) > 1e-9), since 0.7 + 0.2 + 0.1 is "
                  "0.9999999999999999 in floating point.")
def test_split_bad_fractions(student, rng):
    X, y = _numbered(rng, 10), np.arange(10)
    for fractions in [(0.8, 0.1, 0.2), (0.5, 0.2, 0.2), (1.2, -0.1, -0.1)]:
        expect_raises(student.train_dev_test_split, "ValueError", X, y, fractions, seed=0,
                      reason=t("the fractions {fractions} are not three non-negative numbers summing to 1",
                               fractions=str(fractions)))
    try:
        student.train_dev_test_split.call(X, y, (0.7, 0.2, 0.1), seed=0)
    except StudentException as exc:
        if exc.not_implemented:
            raise
        fail(t("your code raised {type}: {message}; but the fractions (0.7, 0.2, 0.1) are valid: "
               "their sum is {total} in floating point, within 1e-9 of 1.", type=exc.type_name, message=exc.message,
               total=repr(sum((0.7, 0.2, 0.1)))), call=exc.call)


# --- the L2 penalty ----------------------------------------------------------------------


@pytest.mark.points(2)
@pytest.mark.hint("The penalty is (lam / 2) * the sum of the squares of the weights (keys starting with 'W'); "
                  "biases do not count.")
def test_l2_penalty(student, reference, rng):
    params = _params(rng)
    weights = sum(float(np.sum(v ** 2)) for k, v in params.items() if k.startswith("W"))
    everything = sum(float(np.sum(v ** 2)) for v in params.values())

    for lam in (0.1, 0.03):
        def hint(got, expected, lam=lam):
            got = float(np.asarray(got))
            if math.isclose(got, lam * weights, rel_tol=1e-6):
                return "Your penalty is twice too large: the formula has a 1/2, (lam / 2) * sum(W ** 2)."
            if math.isclose(got, lam / 2 * everything, rel_tol=1e-6) or math.isclose(got, lam * everything,
                                                                                      rel_tol=1e-6):
                return "You included the biases: only the entries whose name starts with 'W' are weights."
            return None

        check(student.l2_penalty, reference.l2_penalty, params, lam, hint=hint)
    check(student.l2_penalty, reference.l2_penalty, {"b1": np.ones(3)}, lam=0.1)


@pytest.mark.points(2)
@pytest.mark.hint("Return a dict with the keys of params: lam * W for each weight ('W...') and np.zeros_like(b) "
                  "for every other entry.")
def test_l2_penalty_grad(student, reference, rng):
    params, lam = _params(rng), 0.1
    record = student.l2_penalty_grad.call(params, lam)
    expected = reference.l2_penalty_grad(params, lam)
    got = record.value
    if not isinstance(got, dict) or set(got) != set(expected):
        keys = sorted(got) if isinstance(got, dict) else None
        fail(t("l2_penalty_grad should return a dict with the same keys as params, {keys}; it returned {got}.",
               keys=str(sorted(expected)),
               got=t("a dict with the keys {keys}", keys=str(keys)) if keys is not None else
               t("a {type}", type=type(got).__name__)), call=record.call)

    def hint(got_value, expected_value):
        if np.any(expected_value) and _close(got_value, 2 * expected_value):
            return "The derivative of (lam / 2) * W ** 2 is lam * W: the 1/2 cancels the 2 of the square."
        if not np.any(expected_value) and np.any(np.asarray(got_value, dtype=float)):
            return "Biases are not penalised, so their gradient is zero: np.zeros_like(b)."
        return None

    for key in expected:
        assert_close(got[key], expected[key], call=f"{record.call}, for the key {key!r}",
                     what=t("the gradient for {key}", key=repr(key)), hint=hint)


# --- dropout -----------------------------------------------------------------------------


def _dropout(function, x, *args, **kwargs):
    """Call the learner's dropout; return the record, out and mask after checking their form."""
    __tracebackhide__ = True
    record = function.call(x, *args, **kwargs)
    pair = record.value
    if not isinstance(pair, (tuple, list)) or len(pair) != 2:
        fail(t("dropout should return a pair (out, mask); it returned {type} {value}.", type=type(pair).__name__,
               value=str(pair)[:80]), call=record.call)
    out, mask = pair
    for name, value in (("out", out), ("mask", mask)):
        if not isinstance(value, np.ndarray) or value.shape != np.shape(x):
            fail(t("{name} should be an array of x's shape {shape}; got {got}.", name=name, shape=str(np.shape(x)),
                   got=t("shape {shape}", shape=str(value.shape)) if isinstance(value, np.ndarray) else
                   type(value).__name__), call=record.call)
    if out.dtype.kind != "f":
        fail(t("out has dtype {dtype}; expected float values.", dtype=str(out.dtype)), call=record.call)
    if mask.dtype != np.bool_:
        fail(t("mask has dtype {dtype}; expected a boolean array (True where a unit is kept), e.g. "
               "rng.random(x.shape) >= rate.", dtype=str(mask.dtype)), call=record.call)
    return record, out, mask


@pytest.mark.points(2)
@pytest.mark.hint("In training, out = x * mask / (1 - rate): dropped units are exactly 0 and kept units are "
                  "divided by the keep probability 1 - rate (inverted dropout).")
def test_dropout_training(student, rng):
    x, rate = rng.normal(size=(30, 40)), 0.3
    record, out, mask = _dropout(student.dropout, x, rate, seed=int(rng.integers(1000)))
    if mask.all() or not mask.any():
        fail(t("with rate={rate} the mask should keep some units and drop others; it keeps all {size}.",
               rate=rate, size=mask.size) if mask.all() else
             t("with rate={rate} the mask should keep some units and drop others; it drops all {size}.",
               rate=rate, size=mask.size), call=record.call)

    def hint(got, expected):
        if _close(got, x * mask):
            return "Kept units must be divided by 1 - rate (inverted dropout); you left them as they were."
        if _close(got, x * mask * (1 - rate)):
            return "Divide the kept units by 1 - rate; you multiplied by it."
        if _close(got, x * ~mask / (1 - rate)):
            return ("mask must be True where a unit is kept; yours is True where it is dropped. Return the "
                    "mask of the kept units.")
        return None

    assert_close(out, x * mask / (1 - rate), call=record.call, what="out", hint=hint)


@pytest.mark.points(1)
@pytest.mark.hint("Each unit is dropped with probability rate and kept with probability 1 - rate: "
                  "mask = rng.random(x.shape) >= rate keeps the units whose draw is at least rate.")
def test_dropout_rate_statistics(student, rng):
    x, rate = np.ones((400, 500)), 0.3
    record, out, mask = _dropout(student.dropout, x, rate, seed=int(rng.integers(1000)))
    dropped = 1.0 - float(mask.mean())
    # 200,000 units: the dropped fraction of a correct mask is within 0.0015 of rate
    # one time in three, so 0.01 is about seven standard deviations.
    if abs(dropped - rate) > 0.01:
        fail(t("with rate={rate}, {dropped:.1%} of the units were dropped; expected about {rate:.0%}.", rate=rate,
               dropped=dropped), call=record.call)
    if abs(float(out.mean()) - 1.0) > 0.02:
        fail(t("the mean of out is {mean:.4f} for x of ones; inverted dropout keeps the expected "
               "value, so it should be about 1.0.", mean=float(out.mean())), call=record.call)


@pytest.mark.points(1)
@pytest.mark.hint("Draw the mask from rng = np.random.default_rng(seed), created inside the function: the same seed "
                  "gives the same mask, another seed another mask.")
def test_dropout_seed(student, rng):
    x = rng.normal(size=(20, 30))
    record, out1, mask1 = _dropout(student.dropout, x, 0.5, seed=4)
    record, out2, mask2 = _dropout(student.dropout, x, 0.5, seed=4)
    if not (np.array_equal(mask1, mask2) and np.array_equal(out1, out2)):
        fail("two calls with seed=4 gave different masks; build the generator from the seed argument "
             "(np.random.default_rng(seed)) instead of using np.random's global functions.", call=record.call)
    record, _, mask3 = _dropout(student.dropout, x, 0.5, seed=5)
    if np.array_equal(mask1, mask3):
        fail("seeds 4 and 5 gave the same mask; the seed argument must decide the mask.", call=record.call)


@pytest.mark.points(1)
@pytest.mark.hint("At inference (training=False) dropout does nothing: return x itself (as floats) and a mask of "
                  "all True. Inverted dropout already scaled during training, so no scaling here either. With rate=0 "
                  "nothing is dropped in training either.")
def test_dropout_inference(student, rng):
    x = rng.normal(size=(6, 7))
    for rate, training in ((0.5, False), (0.9, False), (0.0, True)):
        record, out, mask = _dropout(student.dropout, x, rate, training=training, seed=1)
        if not mask.all():
            fail(t("with rate={rate}, training={training} nothing may be dropped, but {dropped} of "
                   "{size} mask values are False.", rate=rate, training=str(training), dropped=int((~mask).sum()),
                   size=mask.size), call=record.call)
        assert_close(out, x, call=record.call, what="out")


@pytest.mark.points(1)
@pytest.mark.hint("Check the rate first: if not 0 <= rate < 1, raise ValueError(...). rate = 1 would drop every "
                  "unit and divide by zero.")
def test_dropout_bad_rate(student, rng):
    x = rng.normal(size=(3, 4))
    for rate in (1.0, 1.5, -0.1):
        expect_raises(student.dropout, "ValueError", x, rate, seed=0, reason=t("rate={rate} is not in [0, 1)", rate=rate))


@pytest.mark.points(1)
@pytest.mark.hint("Leave the caller's arrays alone: X - mean, np.where(...) and x * mask build new arrays; "
                  "X -= mean, rng.shuffle(X) and x[~mask] = 0 change the caller's.")
def test_inputs_unchanged(student, rng):
    X, y = _table(rng), np.arange(12)
    mean, std = X.mean(axis=0), X.std(axis=0)
    mins, maxs = X.min(axis=0), X.max(axis=0)
    assert_unchanged(student.fit_standardizer.call(X))
    assert_unchanged(student.standardize.call(X, mean, std))
    assert_unchanged(student.fit_min_max.call(X))
    assert_unchanged(student.min_max_scale.call(X, mins, maxs))
    assert_unchanged(student.train_dev_test_split.call(X, y, seed=0))
    assert_unchanged(student.l2_penalty.call(_params(rng), 0.1))
    assert_unchanged(student.l2_penalty_grad.call(_params(rng), 0.1))
    assert_unchanged(student.dropout.call(rng.normal(size=(4, 5)), 0.5, seed=0))


### BEGIN HIDDEN TESTS
@pytest.mark.hidden
@pytest.mark.points(2)
@pytest.mark.hint("Only the entries whose name starts with 'W' are weights; biases and batch-norm parameters "
                  "(gamma, beta) are not penalised.")
def test_l2_only_weight_keys(student, reference, rng):
    params = {"W1": rng.normal(size=(2, 3)), "b1": rng.normal(size=3), "gamma1": rng.normal(size=3),
              "beta1": rng.normal(size=3), "W2": rng.normal(size=(3, 1)), "b2": rng.normal(size=1)}
    check(student.l2_penalty, reference.l2_penalty, params, 0.2)
    record = student.l2_penalty_grad.call(params, 0.2)
    expected = reference.l2_penalty_grad(params, 0.2)
    if not isinstance(record.value, dict) or set(record.value) != set(expected):
        fail("l2_penalty_grad should return a dict with the keys of params.", call=record.call)
    for key in expected:
        assert_close(record.value[key], expected[key], call=f"{record.call}, for the key {key!r}")


@pytest.mark.hidden
@pytest.mark.points(1)
def test_split_empty_parts(student, reference, rng):
    X, y = _table(rng, n=9, d=2), np.eye(3)[rng.integers(0, 3, size=9)]
    check(student.train_dev_test_split, reference.train_dev_test_split, X, y, (1.0, 0.0, 0.0), seed=3)
    check(student.train_dev_test_split, reference.train_dev_test_split, X, y, (0.0, 0.5, 0.5), seed=3)


@pytest.mark.hidden
@pytest.mark.points(1)
def test_dropout_higher_rank_integer_input(student, rng):
    x = rng.integers(-5, 6, size=(3, 4, 5))
    record, out, mask = _dropout(student.dropout, x, 0.25, seed=9)
    assert_close(out, x * mask / 0.75, call=record.call, what="out")
    record, out, mask = _dropout(student.dropout, x, 0.25, training=False, seed=9)
    assert_close(out, x.astype(np.float64), call=record.call, what="out")
### END HIDDEN TESTS
