"""Every class is replaced by ``M`` rows drawn with replacement from it, instead of
keeping the originals and drawing only the extra ones: some originals are lost."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_oversample_keeps_originals"
MESSAGE = "original rows are missing from X_res"


def random_oversample(X: ArrayLike, y: ArrayLike, seed: int = 0) -> tuple[NDArray, NDArray]:
    X, y = np.asarray(X), np.asarray(y)
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(y, return_counts=True)
    rows = np.concatenate([rng.choice(np.flatnonzero(y == c), size=counts.max()) for c in classes])
    return X[rows], y[rows]
