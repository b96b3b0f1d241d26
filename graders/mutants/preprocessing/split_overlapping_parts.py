"""The test rows are taken from ``n_train`` on (the dev set's start) instead of
``n_train + n_dev``: the sizes are right, but dev and test share rows and the last
rows of the permutation are in no part."""

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_split_partition"
MESSAGE = "appear in more than one part"


def train_dev_test_split(
    X: ArrayLike, y: ArrayLike, fractions: tuple[float, float, float] = (0.8, 0.1, 0.1), seed: int = 0
) -> tuple[NDArray, NDArray, NDArray, NDArray, NDArray, NDArray]:
    X, y = np.asarray(X), np.asarray(y)
    if any(f < 0 for f in fractions) or abs(sum(fractions) - 1.0) > 1e-9:
        raise ValueError("bad fractions")
    n = len(X)
    n_train, n_dev = math.floor(fractions[0] * n), math.floor(fractions[1] * n)
    n_test = n - n_train - n_dev
    perm = np.random.default_rng(seed).permutation(n)
    train, dev, test = perm[:n_train], perm[n_train:n_train + n_dev], perm[n_train:n_train + n_test]
    return X[train], y[train], X[dev], y[dev], X[test], y[test]
