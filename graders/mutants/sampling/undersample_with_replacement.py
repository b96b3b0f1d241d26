"""The kept rows are drawn with ``rng.choice(idx, size=m)``, whose default is
``replace=True``: some rows come back twice and others of the smallest class are lost."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_undersample_without_replacement"
MESSAGE = "appear more than once in X_res"


def random_undersample(X: ArrayLike, y: ArrayLike, seed: int = 0) -> tuple[NDArray, NDArray]:
    X, y = np.asarray(X), np.asarray(y)
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(y, return_counts=True)
    keep = np.concatenate([rng.choice(np.flatnonzero(y == c), size=counts.min()) for c in classes])
    return X[keep], y[keep]
