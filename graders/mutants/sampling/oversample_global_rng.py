"""The extra rows come from ``np.random.choice`` (the global generator) and the seed
is ignored: two calls with the same seed give different rows."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_oversample_seed"
MESSAGE = "two calls with the same seed=7 returned different results"


def random_oversample(X: ArrayLike, y: ArrayLike, seed: int = 0) -> tuple[NDArray, NDArray]:
    X, y = np.asarray(X), np.asarray(y)
    classes, counts = np.unique(y, return_counts=True)
    extra = [np.random.choice(np.flatnonzero(y == c), size=counts.max() - m) for c, m in zip(classes, counts)]
    rows = np.concatenate([np.arange(len(y))] + extra)
    return X[rows], y[rows]
