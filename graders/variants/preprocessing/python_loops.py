"""Style: explicit loops over the columns and rows with the ``math`` module, sizes with
``int()``, a split that shuffles ``np.arange(n)`` in place with ``rng.shuffle`` and
concatenates index lists, an L2 penalty accumulated key by key, and a dropout mask
drawn with ``rng.binomial`` and turned into booleans.
"""

import math

import numpy as np


def fit_standardizer(X):
    X = np.asarray(X, dtype=float)
    n, d = X.shape
    mean, std = np.zeros(d), np.zeros(d)
    for j in range(d):
        column = [float(v) for v in X[:, j]]
        mean[j] = sum(column) / n
        std[j] = math.sqrt(sum((v - mean[j]) ** 2 for v in column) / n)
    return mean, std


def standardize(X, mean, std, eps=1e-8):
    X = np.asarray(X, dtype=float)
    out = np.empty_like(X)
    for i in range(X.shape[0]):
        for j in range(X.shape[1]):
            out[i, j] = (X[i, j] - mean[j]) / (std[j] + eps)
    return out


def fit_min_max(X):
    X = np.asarray(X, dtype=float)
    mins = np.array([min(X[:, j]) for j in range(X.shape[1])], dtype=float)
    maxs = np.array([max(X[:, j]) for j in range(X.shape[1])], dtype=float)
    return mins, maxs


def min_max_scale(X, mins, maxs, feature_range=(0.0, 1.0)):
    lo, hi = feature_range
    X = np.asarray(X, dtype=float)
    out = np.empty_like(X)
    for j in range(X.shape[1]):
        span = maxs[j] - mins[j]
        if span == 0:
            span = 1.0
        out[:, j] = lo + (X[:, j] - mins[j]) / span * (hi - lo)
    return out


def train_dev_test_split(X, y, fractions=(0.8, 0.1, 0.1), seed=0):
    if len(fractions) != 3:
        raise ValueError("need three fractions")
    for f in fractions:
        if f < 0:
            raise ValueError("fractions cannot be negative")
    if not math.isclose(sum(fractions), 1.0, rel_tol=0.0, abs_tol=1e-9):
        raise ValueError("fractions must sum to 1")
    X, y = np.asarray(X), np.asarray(y)
    n = len(X)
    n_train = int(fractions[0] * n)
    n_dev = int(fractions[1] * n)
    order = np.arange(n)
    rng = np.random.default_rng(seed)
    rng.shuffle(order)
    train = list(order[:n_train])
    dev = list(order[n_train:n_train + n_dev])
    test = list(order[n_train + n_dev:])
    result = []
    for rows in (train, dev, test):
        rows = np.array(rows, dtype=int)
        result.append(X[rows])
        result.append(y[rows])
    return tuple(result)


def l2_penalty(params, lam):
    total = 0.0
    for key in params:
        if key[:1] == "W":
            W = np.asarray(params[key], dtype=float)
            total += float(np.sum(W * W))
    return lam / 2 * total


def l2_penalty_grad(params, lam):
    grads = {}
    for key, value in params.items():
        value = np.asarray(value, dtype=float)
        grads[key] = lam * value if key[:1] == "W" else np.zeros(value.shape)
    return grads


def dropout(x, rate, training=True, seed=0):
    if rate < 0 or rate >= 1:
        raise ValueError(f"rate must be in [0, 1), got {rate}")
    x = np.asarray(x, dtype=float)
    if not training:
        return np.array(x), np.full(x.shape, True)
    rng = np.random.default_rng(seed)
    mask = rng.binomial(1, 1 - rate, size=x.shape).astype(bool)
    out = np.where(mask, x / (1 - rate), 0.0)
    return out, mask
