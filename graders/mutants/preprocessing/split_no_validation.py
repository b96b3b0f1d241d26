"""The split never checks its fractions: ``(0.8, 0.1, 0.2)`` quietly gives a test set
of whatever rows are left."""

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_split_bad_fractions"
MESSAGE = "your function returned a result instead of raising ValueError"


def train_dev_test_split(
    X: ArrayLike, y: ArrayLike, fractions: tuple[float, float, float] = (0.8, 0.1, 0.1), seed: int = 0
) -> tuple[NDArray, NDArray, NDArray, NDArray, NDArray, NDArray]:
    X, y = np.asarray(X), np.asarray(y)
    n = len(X)
    a, b = math.floor(fractions[0] * n), math.floor(fractions[1] * n)
    perm = np.random.default_rng(seed).permutation(n)
    X, y = X[perm], y[perm]
    return X[:a], y[:a], X[a:a + b], y[a:a + b], X[a + b:], y[a + b:]
