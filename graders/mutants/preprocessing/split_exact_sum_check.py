"""The split checks ``sum(fractions) != 1`` exactly, so the valid fractions
``(0.7, 0.2, 0.1)``, whose float sum is 0.9999999999999999, raise ValueError."""

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_split_bad_fractions"
MESSAGE = "the fractions (0.7, 0.2, 0.1) are valid"


def train_dev_test_split(
    X: ArrayLike, y: ArrayLike, fractions: tuple[float, float, float] = (0.8, 0.1, 0.1), seed: int = 0
) -> tuple[NDArray, NDArray, NDArray, NDArray, NDArray, NDArray]:
    X, y = np.asarray(X), np.asarray(y)
    if min(fractions) < 0 or sum(fractions) != 1:
        raise ValueError("fractions must be non-negative and sum to 1")
    n = len(X)
    a, b = math.floor(fractions[0] * n), math.floor(fractions[1] * n)
    perm = np.random.default_rng(seed).permutation(n)
    X, y = X[perm], y[perm]
    return X[:a], y[:a], X[a:a + b], y[a:a + b], X[a + b:], y[a + b:]
