"""Each class gets ``M`` extra rows (the size of the largest class) instead of
``M - count``, so the classes stay unbalanced."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_oversample_balanced"
MESSAGE = "every class raised to the size of the largest"


def random_oversample(X: ArrayLike, y: ArrayLike, seed: int = 0) -> tuple[NDArray, NDArray]:
    X, y = np.asarray(X), np.asarray(y)
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(y, return_counts=True)
    extra = [rng.choice(np.flatnonzero(y == c), size=counts.max()) for c in classes]
    rows = np.concatenate([np.arange(len(y))] + extra)
    return X[rows], y[rows]
