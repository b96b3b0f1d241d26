"""``standardize`` adds ``eps`` to the variance, batch-norm style:
``(X - mean) / sqrt(std ** 2 + eps)``, not where the contract puts it."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_standardize_eps_argument"
MESSAGE = "elements differ"


def standardize(X: ArrayLike, mean: ArrayLike, std: ArrayLike, eps: float = 1e-8) -> NDArray[np.float64]:
    std = np.asarray(std, dtype=np.float64)
    return (np.asarray(X, dtype=np.float64) - mean) / np.sqrt(std**2 + eps)
