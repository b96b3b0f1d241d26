"""Reference solution: feature scaling, a train/dev/test split, L2 weight decay, dropout.

Scalers are split into *fit* (statistics of the training set, per feature, down
axis 0) and *apply* (those statistics used on any set), so that a test set is
never scaled with its own statistics. Randomness comes only from the ``seed``
argument, through ``np.random.default_rng(seed)``.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

Params = dict[str, NDArray[np.float64]]


def fit_standardizer(X: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Return ``(mean, std)`` of each column of ``X`` ``(n, d)``, both of shape ``(d,)``.

    ``std`` is the population standard deviation (``ddof=0``, NumPy's default).
    """
    X = np.asarray(X, dtype=np.float64)
    return X.mean(axis=0), X.std(axis=0)


def standardize(X: ArrayLike, mean: ArrayLike, std: ArrayLike, eps: float = 1e-8) -> NDArray[np.float64]:
    """Return ``(X - mean) / (std + eps)``: the given statistics, never ``X``'s own.

    ``eps`` is added to ``std`` (not to the variance), so a constant feature
    (``std == 0``) becomes 0 instead of ``nan``.
    """
    X = np.asarray(X, dtype=np.float64)
    return (X - np.asarray(mean, dtype=np.float64)) / (np.asarray(std, dtype=np.float64) + eps)


def fit_min_max(X: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Return ``(mins, maxs)`` of each column of ``X`` ``(n, d)``, both of shape ``(d,)``."""
    X = np.asarray(X, dtype=np.float64)
    return X.min(axis=0), X.max(axis=0)


def min_max_scale(
    X: ArrayLike, mins: ArrayLike, maxs: ArrayLike, feature_range: tuple[float, float] = (0.0, 1.0)
) -> NDArray[np.float64]:
    """Map ``mins`` to ``lo`` and ``maxs`` to ``hi``: ``lo + (X - mins) / (maxs - mins) * (hi - lo)``.

    A constant feature (``maxs == mins``) has its span counted as 1, as
    scikit-learn's ``MinMaxScaler`` does, so it maps to ``lo`` instead of
    ``nan``. Values outside ``[mins, maxs]`` land outside ``[lo, hi]``: no clipping.
    """
    X = np.asarray(X, dtype=np.float64)
    mins = np.asarray(mins, dtype=np.float64)
    span = np.asarray(maxs, dtype=np.float64) - mins
    span = np.where(span == 0, 1.0, span)
    lo, hi = feature_range
    return lo + (X - mins) / span * (hi - lo)


def train_dev_test_split(
    X: ArrayLike, y: ArrayLike, fractions: tuple[float, float, float] = (0.8, 0.1, 0.1), seed: int = 0
) -> tuple[NDArray, NDArray, NDArray, NDArray, NDArray, NDArray]:
    """Shuffle the rows of ``X`` and ``y`` together and cut them into three parts.

    ``perm = np.random.default_rng(seed).permutation(n)``; the first
    ``floor(f_train * n)`` indices of ``perm`` are the training rows, the next
    ``floor(f_dev * n)`` the dev rows, the rest the test rows. Returns
    ``(X_train, y_train, X_dev, y_dev, X_test, y_test)`` with the inputs' dtypes.
    """
    X, y = np.asarray(X), np.asarray(y)
    if len(fractions) != 3 or any(f < 0 for f in fractions) or abs(sum(fractions) - 1.0) > 1e-9:
        raise ValueError(
            f"train_dev_test_split: fractions must be three non-negative numbers that sum to 1; got {fractions!r}"
        )
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"train_dev_test_split: X has {X.shape[0]} rows but y has {y.shape[0]}")
    n = X.shape[0]
    n_train, n_dev = math.floor(fractions[0] * n), math.floor(fractions[1] * n)
    perm = np.random.default_rng(seed).permutation(n)
    train, dev, test = np.split(perm, [n_train, n_train + n_dev])
    return X[train], y[train], X[dev], y[dev], X[test], y[test]


def _is_weight(name: str) -> bool:
    """Weights are the entries whose name starts with ``W`` (``W1``, ``W2``, ...)."""
    return name.startswith("W")


def l2_penalty(params: Params, lam: float) -> float:
    """Return ``(lam / 2) * sum(W ** 2)`` over the weights of ``params`` (biases excluded)."""
    return float(0.5 * lam * sum(np.sum(np.square(v)) for k, v in params.items() if _is_weight(k)))


def l2_penalty_grad(params: Params, lam: float) -> Params:
    """Return the gradient of ``l2_penalty``: ``lam * W`` for weights, zeros elsewhere."""
    return {
        k: lam * np.asarray(v, dtype=np.float64) if _is_weight(k) else np.zeros(np.shape(v))
        for k, v in params.items()
    }


def dropout(
    x: ArrayLike, rate: float, training: bool = True, seed: int = 0
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Inverted dropout: return ``(out, mask)``.

    Training: each unit is kept (``mask`` True) with probability ``1 - rate``,
    drawn from ``np.random.default_rng(seed)``, and ``out = x * mask / (1 - rate)``.
    Inference (``training=False``): ``out`` is ``x`` and ``mask`` is all True.
    """
    if not 0.0 <= rate < 1.0:
        raise ValueError(f"dropout: rate must be in [0, 1); got {rate!r}")
    x = np.asarray(x, dtype=np.float64)
    if not training:
        return x.copy(), np.ones(x.shape, dtype=bool)
    mask = np.random.default_rng(seed).random(x.shape) >= rate
    return x * mask / (1.0 - rate), mask
