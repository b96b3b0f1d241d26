"""``fit_standardizer`` forgets ``axis=0`` and returns one mean and one std for the
whole table instead of one per feature."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_fit_standardizer"
MESSAGE = "expected a NumPy array of shape (4,)"


def fit_standardizer(X: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    X = np.asarray(X, dtype=np.float64)
    return np.mean(X), np.std(X)
