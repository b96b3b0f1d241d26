"""The generator is created with a fixed seed, ``default_rng(0)``: every seed gives
the same rows."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_undersample_seed"
MESSAGE = "all returned exactly the same rows"


def random_undersample(X: ArrayLike, y: ArrayLike, seed: int = 0) -> tuple[NDArray, NDArray]:
    X, y = np.asarray(X), np.asarray(y)
    rng = np.random.default_rng(0)
    classes, counts = np.unique(y, return_counts=True)
    keep = np.concatenate([rng.choice(np.flatnonzero(y == c), size=counts.min(), replace=False)
                           for c in classes])
    return X[keep], y[keep]
