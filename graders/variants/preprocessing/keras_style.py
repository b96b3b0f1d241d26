"""Style: Keras-like. Scalers return NumPy scalars per column through ``keepdims``
and ``squeeze``; the constant feature of min-max is handled with ``np.where`` under
``np.errstate``; the split computes its cut points first and slices a permutation made
by ``rng.permutation(len(X))``; the penalty is a dot product with ``np.vdot``; dropout
keeps a unit where its uniform draw is below the keep probability, and multiplies by
the precomputed ``scale = 1 / keep``.
"""

import numpy as np


def fit_standardizer(X):
    X = np.asarray(X, dtype=np.float64)
    mean = X.mean(axis=0, keepdims=True)
    var = np.square(X - mean).mean(axis=0, keepdims=True)
    return mean.squeeze(0), np.sqrt(var).squeeze(0)


def standardize(X, mean, std, eps=1e-8):
    X = np.array(X, dtype=np.float64, copy=True)
    X -= mean
    X /= np.asarray(std) + eps
    return X


def fit_min_max(X):
    X = np.asarray(X, dtype=np.float64)
    order = np.sort(X, axis=0)
    return order[0], order[-1]


def min_max_scale(X, mins, maxs, feature_range=(0.0, 1.0)):
    lo, hi = map(float, feature_range)
    X = np.asarray(X, dtype=np.float64)
    span = np.asarray(maxs, dtype=np.float64) - np.asarray(mins, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        scaled = lo + (X - mins) / span * (hi - lo)
    return np.where(span == 0, lo + (X - mins) * (hi - lo), scaled)


def train_dev_test_split(X, y, fractions=(0.8, 0.1, 0.1), seed=0):
    f_train, f_dev, f_test = fractions
    if min(f_train, f_dev, f_test) < 0.0 or not np.isclose(f_train + f_dev + f_test, 1.0, rtol=0.0, atol=1e-9):
        raise ValueError(f"invalid fractions {fractions}")
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y):
        raise ValueError("X and y must have the same number of rows")
    n = len(X)
    end_train = int(np.floor(f_train * n))
    end_dev = end_train + int(np.floor(f_dev * n))
    idx = np.random.default_rng(seed).permutation(len(X))
    tr, dv, te = idx[:end_train], idx[end_train:end_dev], idx[end_dev:]
    return X[tr], y[tr], X[dv], y[dv], X[te], y[te]


def l2_penalty(params, lam):
    weights = [np.asarray(v, dtype=np.float64) for k, v in params.items() if k[0] == "W"]
    return lam * 0.5 * sum(float(np.vdot(w, w)) for w in weights)


def l2_penalty_grad(params, lam):
    return {k: np.multiply(lam, v, dtype=np.float64) if k[0] == "W" else np.zeros_like(v, dtype=np.float64)
            for k, v in params.items()}


def dropout(x, rate, training=True, seed=0):
    rate = float(rate)
    if rate < 0.0 or rate >= 1.0:
        raise ValueError("rate must be in [0, 1)")
    x = np.asarray(x, dtype=np.float64)
    if not training or rate == 0.0:
        return x.copy(), np.ones(x.shape, dtype=np.bool_)
    keep_prob = 1.0 - rate
    scale = 1.0 / keep_prob
    mask = np.random.default_rng(seed).random(size=x.shape) < keep_prob
    return np.multiply(x, mask) * scale, mask
