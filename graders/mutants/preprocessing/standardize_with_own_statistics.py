"""``standardize`` ignores the ``mean`` and ``std`` it is given and computes them
from ``X`` itself, so a test set is scaled with its own statistics (a data leak)."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_standardize_train_statistics_on_test"
MESSAGE = "You standardized the test set with its own mean and std"


def standardize(X: ArrayLike, mean: ArrayLike, std: ArrayLike, eps: float = 1e-8) -> NDArray[np.float64]:
    X = np.asarray(X, dtype=np.float64)
    return (X - X.mean(axis=0)) / (X.std(axis=0) + eps)
