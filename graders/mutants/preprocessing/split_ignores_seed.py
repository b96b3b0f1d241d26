"""The split always shuffles with ``np.random.default_rng(42)``: every seed gives the
same split."""

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_split_seed"
MESSAGE = "seeds 11 and 12 gave exactly the same split"


def train_dev_test_split(
    X: ArrayLike, y: ArrayLike, fractions: tuple[float, float, float] = (0.8, 0.1, 0.1), seed: int = 0
) -> tuple[NDArray, NDArray, NDArray, NDArray, NDArray, NDArray]:
    X, y = np.asarray(X), np.asarray(y)
    if any(f < 0 for f in fractions) or abs(sum(fractions) - 1.0) > 1e-9:
        raise ValueError("bad fractions")
    n = len(X)
    a, b = math.floor(fractions[0] * n), math.floor(fractions[1] * n)
    perm = np.random.default_rng(42).permutation(n)
    X, y = X[perm], y[perm]
    return X[:a], y[:a], X[a:a + b], y[a:a + b], X[a + b:], y[a + b:]
