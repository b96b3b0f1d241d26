"""``fit_standardizer`` uses the sample standard deviation (``ddof=1``, pandas'
default) instead of the population one the contract asks for."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_fit_standardizer"
MESSAGE = "Your std divides by n - 1 (ddof=1"


def fit_standardizer(X: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    X = np.asarray(X, dtype=np.float64)
    return X.mean(axis=0), X.std(axis=0, ddof=1)
