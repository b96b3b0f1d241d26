"""Style: NumPy helpers everywhere. ``std`` written out as the root of the mean squared
deviation, ``np.ptp`` for the span with ``np.divide(..., where=...)``, a split that
permutes the arrays themselves with two generators made from the same seed and cuts
them with ``np.split``, ``np.linalg.norm`` for the penalty, and a mask from
``rng.uniform(...) > rate``. Pairs come back as lists.
"""

import numpy as np


def fit_standardizer(X):
    X = np.asarray(X, dtype=np.float64)
    mean = np.mean(X, axis=0)
    return [mean, np.sqrt(np.mean((X - mean) ** 2, axis=0))]


def standardize(X, mean, std, eps=1e-8):
    return np.divide(np.subtract(np.asarray(X, dtype=np.float64), mean), np.add(std, eps))


def fit_min_max(X):
    X = np.asarray(X, dtype=np.float64)
    return [np.amin(X, axis=0), np.amax(X, axis=0)]


def min_max_scale(X, mins, maxs, feature_range=(0.0, 1.0)):
    X = np.asarray(X, dtype=np.float64)
    span = np.ptp(np.stack([np.asarray(mins, dtype=np.float64), np.asarray(maxs, dtype=np.float64)]), axis=0)
    unit = np.divide(X - mins, span, out=X - mins, where=span != 0)
    return feature_range[0] + unit * (feature_range[1] - feature_range[0])


def train_dev_test_split(X, y, fractions=(0.8, 0.1, 0.1), seed=0):
    f = np.asarray(fractions, dtype=np.float64)
    if f.shape != (3,) or (f < 0).any() or abs(f.sum() - 1) > 1e-9:
        raise ValueError("fractions: three non-negative numbers summing to 1")
    X, y = np.asarray(X), np.asarray(y)
    n = X.shape[0]
    cuts = np.floor(f[:2] * n).astype(int)
    cuts[1] += cuts[0]
    X_parts = np.split(np.random.default_rng(seed).permutation(X), cuts)
    y_parts = np.split(np.random.default_rng(seed).permutation(y), cuts)
    return [a for pair in zip(X_parts, y_parts) for a in pair]


def l2_penalty(params, lam):
    return 0.5 * lam * sum(np.linalg.norm(np.ravel(w)) ** 2 for name, w in params.items() if name.startswith("W"))


def l2_penalty_grad(params, lam):
    return {name: (lam if name.startswith("W") else 0.0) * np.asarray(w, dtype=np.float64)
            for name, w in params.items()}


def dropout(x, rate, training=True, seed=0):
    if not (0 <= rate < 1):
        raise ValueError("dropout rate must satisfy 0 <= rate < 1")
    x = np.asarray(x, dtype=np.float64)
    if training:
        keep = np.random.default_rng(seed).uniform(size=x.shape) > rate
        return x * keep * (1.0 / (1.0 - rate)), keep
    return x.copy(), np.ones_like(x, dtype=bool)
