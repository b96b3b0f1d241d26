"""Exercise: preparing data and fighting overfitting (과대적합).

Before training, the features are put on comparable scales: standardization
(표준화) and min-max normalization (정규화). The data is cut into a training
set, a dev (validation, 검증) set and a test set. During training, two
regularizers keep a network from memorising its training set: the L2 penalty
(L2 규제, weight decay / 가중치 감소) and dropout (드롭아웃).

The most important rule of this exercise: **statistics come from the training
set only**. You *fit* a scaler on the training set (its mean and standard
deviation, or its minimum and maximum) and then *apply* those same numbers to
the dev and test sets. Computing the test set's own mean is a data leak
(데이터 누수): the model would get information from data it must not see.

Rules for every function here:

- ``X`` is a 2-D array of shape ``(n, d)``: one row per sample, one column per
  feature. Statistics are per feature, so they are taken down the rows
  (``axis=0``) and have shape ``(d,)``.
- Return float64 arrays (``np.asarray(X, dtype=np.float64)`` first), except
  where a function says otherwise.
- Never change the arrays you are given; build new ones.
- Randomness comes only from the ``seed`` argument:
  ``rng = np.random.default_rng(seed)``. Do not use ``np.random.seed`` or
  ``np.random.rand``: the same seed must give the same result every time.

Replace each ``raise NotImplementedError(...)`` line with your code; keep the
names and the signatures. Use NumPy only. Check your work with::

    autograde check preprocessing
"""

from __future__ import annotations

### BEGIN SOLUTION
import math
### END SOLUTION

import numpy as np
from numpy.typing import ArrayLike, NDArray

Params = dict[str, NDArray[np.float64]]


def fit_standardizer(X: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Fit a standardizer (표준화): the mean and standard deviation of each feature.

    Return ``(mean, std)``, two float64 arrays of shape ``(d,)`` for ``X`` of
    shape ``(n, d)``. ``std`` is the population standard deviation
    (``ddof=0``): ``sqrt(mean((x - mean) ** 2))``, which is what ``np.std``
    computes by default.

    >>> fit_standardizer(np.array([[1.0, 10.0], [3.0, 10.0]]))
    (array([ 2., 10.]), array([1., 0.]))

    Pitfalls:

    - ``np.mean(X)`` without ``axis=0`` is one number for the whole table;
      ``axis=1`` gives one number per *sample*. You want one per feature.
    - ``ddof=1`` (the sample standard deviation, pandas' default) is not
      what is asked: divide by ``n``, not ``n - 1``.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("fit_standardizer(X) is not written yet: replace this line with your code")
    X = np.asarray(X, dtype=np.float64)
    return X.mean(axis=0), X.std(axis=0)
    ### END SOLUTION


def standardize(X: ArrayLike, mean: ArrayLike, std: ArrayLike, eps: float = 1e-8) -> NDArray[np.float64]:
    """Standardize ``X`` with statistics fitted earlier: ``(X - mean) / (std + eps)``.

    ``mean`` and ``std`` have shape ``(d,)`` and broadcast against every row
    of ``X`` ``(n, d)``. The result is a float64 array of ``X``'s shape.
    ``eps`` is added to the standard deviation, exactly as written above
    (not to the variance, not outside the division), so that a constant
    feature (``std == 0``) gives 0 instead of ``0 / 0 = nan``.

    >>> mean, std = fit_standardizer(np.array([[1.0, 10.0], [3.0, 10.0]]))
    >>> standardize(np.array([[1.0, 10.0], [5.0, 10.0]]), mean, std)
    array([[-0.99999999,  0.        ],
           [ 2.99999997,  0.        ]])

    (``(1 - 2) / (1 + 1e-8)`` is a hair above -1: that is the ``eps``. The
    constant second feature has ``std == 0`` and becomes 0.)

    Pitfalls:

    - Use the ``mean`` and ``std`` you are given. Calling
      ``fit_standardizer(X)`` inside this function would standardize a test
      set with its own statistics: a data leak, and a different result.
    - Use the ``eps`` argument; do not write ``1e-8`` into the formula.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("standardize(X, mean, std, eps) is not written yet: replace this line with your code")
    X = np.asarray(X, dtype=np.float64)
    return (X - np.asarray(mean, dtype=np.float64)) / (np.asarray(std, dtype=np.float64) + eps)
    ### END SOLUTION


def fit_min_max(X: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Fit a min-max scaler: the smallest and largest value of each feature.

    Return ``(mins, maxs)``, two float64 arrays of shape ``(d,)``.

    >>> fit_min_max(np.array([[1.0, -2.0], [3.0, 4.0], [2.0, 0.0]]))
    (array([ 1., -2.]), array([3., 4.]))

    Pitfall: ``np.min(X)`` without ``axis=0`` is the smallest value of the
    whole table, not one per feature.
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=np.float64)
    return X.min(axis=0), X.max(axis=0)
    ### END SOLUTION


def min_max_scale(
    X: ArrayLike, mins: ArrayLike, maxs: ArrayLike, feature_range: tuple[float, float] = (0.0, 1.0)
) -> NDArray[np.float64]:
    """Min-max normalization (정규화) into ``feature_range = (lo, hi)``.

    ``lo + (X - mins) / (maxs - mins) * (hi - lo)``: ``mins`` maps to ``lo``
    and ``maxs`` to ``hi``. On the training set every value lands in
    ``[lo, hi]``; on a test set values outside the training range land
    outside ``[lo, hi]`` (no clipping). Returns a float64 array of ``X``'s shape.

    A constant feature has ``maxs - mins == 0``: count its span as 1 instead
    (as scikit-learn's ``MinMaxScaler`` does), so that the feature becomes
    ``lo`` on the training set rather than ``nan``. ``np.where(span == 0,
    1.0, span)`` does that.

    >>> mins, maxs = fit_min_max(np.array([[0.0, 5.0], [10.0, 5.0]]))
    >>> min_max_scale(np.array([[0.0, 5.0], [5.0, 5.0], [10.0, 5.0]]), mins, maxs)
    array([[0. , 0. ],
           [0.5, 0. ],
           [1. , 0. ]])
    >>> min_max_scale(np.array([[5.0, 5.0]]), mins, maxs, feature_range=(-1.0, 1.0))
    array([[ 0., -1.]])

    Pitfalls:

    - Divide by the span ``maxs - mins``, not by ``maxs``.
    - Use ``feature_range``: ``(X - mins) / span`` alone is only right for
      ``(0, 1)``.
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=np.float64)
    mins = np.asarray(mins, dtype=np.float64)
    span = np.asarray(maxs, dtype=np.float64) - mins
    span = np.where(span == 0, 1.0, span)
    lo, hi = feature_range
    return lo + (X - mins) / span * (hi - lo)
    ### END SOLUTION


def train_dev_test_split(
    X: ArrayLike, y: ArrayLike, fractions: tuple[float, float, float] = (0.8, 0.1, 0.1), seed: int = 0
) -> tuple[NDArray, NDArray, NDArray, NDArray, NDArray, NDArray]:
    """Shuffle the samples and cut them into a training, a dev and a test set.

    ``X`` has shape ``(n, d)`` and ``y`` shape ``(n,)`` (or ``(n, k)``); row
    ``i`` of ``X`` goes with row ``i`` of ``y``. Return the six arrays
    ``(X_train, y_train, X_dev, y_dev, X_test, y_test)``, rows taken as they
    are (same dtypes as ``X`` and ``y``). Exactly:

    1. ``fractions = (f_train, f_dev, f_test)`` must be three numbers, none
       negative, that sum to 1 (within ``1e-9``); otherwise raise
       ``ValueError``.
    2. ``n_train = floor(f_train * n)``, ``n_dev = floor(f_dev * n)``, and the
       test set gets the rest: ``n_test = n - n_train - n_dev``
       (``int(f_train * n)`` is the same floor).
    3. One shuffle for both arrays:
       ``perm = np.random.default_rng(seed).permutation(n)``. The first
       ``n_train`` entries of ``perm`` are the training rows (in that order:
       ``X[perm[:n_train]]``), the next ``n_dev`` the dev rows, the rest the
       test rows.

    >>> X, y = np.arange(20).reshape(10, 2), np.arange(10)
    >>> parts = train_dev_test_split(X, y, fractions=(0.6, 0.2, 0.2), seed=0)
    >>> [len(p) for p in parts]
    [6, 6, 2, 2, 2, 2]

    Pitfalls:

    - Shuffling ``X`` and ``y`` separately (two permutations, or one
      generator used twice) breaks the pairs: the labels no longer belong
      to their samples. Index both with the same ``perm``.
    - The three parts must not overlap and together must hold every row.
    - Use ``seed``: the same seed gives the same split, another seed
      another one.
    """
    ### BEGIN SOLUTION
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
    ### END SOLUTION



### BEGIN SOLUTION
def _is_weight(name: str) -> bool:
    """Weights are the entries whose name starts with ``W`` (``W1``, ``W2``, ...)."""
    return name.startswith("W")
### END SOLUTION


def l2_penalty(params: Params, lam: float) -> float:
    """L2 penalty (L2 규제, weight decay): ``(lam / 2) * sum of W ** 2`` over the weights.

    ``params`` is a dict of arrays such as ``{"W1": ..., "b1": ..., "W2":
    ..., "b2": ...}``. Only the entries whose name starts with ``"W"`` are
    weights and count; biases (``"b1"``, ...) and anything else are left out,
    as in the textbook's weight decay. The ``1/2`` makes the derivative come
    out as ``lam * W``. Return a float (0.0 when there are no weights).

    >>> params = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([5.0])}
    >>> l2_penalty(params, lam=0.1)
    0.25

    (``0.1 / 2 * (1 + 4)``; the bias 5.0 does not count.)

    Pitfalls:

    - Forgetting the ``1/2`` doubles the penalty.
    - Summing over every entry of ``params`` includes the biases.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("l2_penalty(params, lam) is not written yet: replace this line with your code")
    return float(0.5 * lam * sum(np.sum(np.square(v)) for k, v in params.items() if _is_weight(k)))
    ### END SOLUTION


def l2_penalty_grad(params: Params, lam: float) -> Params:
    """Gradient of ``l2_penalty`` with respect to every entry of ``params``.

    Return a new dict with the same keys: ``lam * W`` for each weight (name
    starting with ``"W"``) and an array of zeros of the same shape for every
    other entry (the penalty does not depend on them). Float64 arrays.

    >>> grads = l2_penalty_grad({"W1": np.array([[1.0, -2.0]]), "b1": np.array([5.0])}, lam=0.1)
    >>> grads["W1"], grads["b1"]
    (array([[ 0.1, -0.2]]), array([0.]))

    Pitfall: the derivative of ``(lam / 2) * W ** 2`` is ``lam * W``, not
    ``2 * lam * W`` (the ``1/2`` cancels the 2).
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("l2_penalty_grad(params, lam) is not written yet: replace this line with your code")
    return {
        k: lam * np.asarray(v, dtype=np.float64) if _is_weight(k) else np.zeros(np.shape(v))
        for k, v in params.items()
    }
    ### END SOLUTION


def dropout(
    x: ArrayLike, rate: float, training: bool = True, seed: int = 0
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Inverted dropout (드롭아웃): drop each unit with probability ``rate``.

    Return ``(out, mask)``: ``mask`` is a boolean array of ``x``'s shape,
    True where a unit is *kept*; ``out`` is a float64 array of ``x``'s shape.

    - Training (``training=True``): draw the mask from
      ``rng = np.random.default_rng(seed)``, each unit kept independently
      with probability ``1 - rate`` (for example
      ``mask = rng.random(x.shape) >= rate``), and return
      ``out = x * mask / (1 - rate)``. Dropped units are exactly 0; kept units
      are divided by ``1 - rate`` ("inverted" dropout), so that the expected
      value of every unit stays ``x`` and nothing has to change at inference.
    - Inference (``training=False``): nothing is dropped: ``out`` is ``x``
      (as float64) and ``mask`` is all True.
    - ``rate`` must be in ``[0, 1)``, otherwise raise ``ValueError``
      (``rate = 1`` would drop everything and divide by 0). ``rate = 0``
      keeps everything: ``out`` equals ``x``.

    >>> out, mask = dropout(np.ones((2, 4)), rate=0.5, seed=0)
    >>> sorted(set(out.ravel().tolist()))
    [0.0, 2.0]
    >>> dropout(np.array([1.0, 2.0]), rate=0.5, training=False)
    (array([1., 2.]), array([ True,  True]))

    Pitfalls:

    - Without the division by ``1 - rate`` ("vanilla" dropout) the outputs
      are on average too small by the factor ``1 - rate``. Multiplying by
      ``1 - rate`` makes it worse; divide.
    - ``mask`` is True for the units that are *kept*, not the dropped ones;
      ``rng.random(shape) < rate`` marks the dropped ones.
    - Dropout is only for training: at inference return ``x`` unchanged.
    - Use a generator made from ``seed``; the global ``np.random`` functions
      give a different mask every call.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("dropout(x, rate, training, seed) is not written yet: replace this line with your code")
    if not 0.0 <= rate < 1.0:
        raise ValueError(f"dropout: rate must be in [0, 1); got {rate!r}")
    x = np.asarray(x, dtype=np.float64)
    if not training:
        return x.copy(), np.ones(x.shape, dtype=bool)
    mask = np.random.default_rng(seed).random(x.shape) >= rate
    return x * mask / (1.0 - rate), mask
    ### END SOLUTION
