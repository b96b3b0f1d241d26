"""The kept rows are returned in their original order, but the labels are rebuilt
class by class with ``np.repeat(classes, m)``: rows and labels no longer match."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_undersample_rows_come_from_original"
MESSAGE = "have another label than in the input"


def random_undersample(X: ArrayLike, y: ArrayLike, seed: int = 0) -> tuple[NDArray, NDArray]:
    X, y = np.asarray(X), np.asarray(y)
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(y, return_counts=True)
    keep = np.concatenate([rng.choice(np.flatnonzero(y == c), size=counts.min(), replace=False)
                           for c in classes])
    return X[np.sort(keep)], np.repeat(classes, counts.min())
