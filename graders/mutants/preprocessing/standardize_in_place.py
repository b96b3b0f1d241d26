"""``standardize`` subtracts the mean with ``X -= mean`` on the array it was given,
so the caller's float array is changed too."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_inputs_unchanged"
MESSAGE = "changed its input"


def standardize(X: ArrayLike, mean: ArrayLike, std: ArrayLike, eps: float = 1e-8) -> NDArray[np.float64]:
    X = np.asarray(X, dtype=np.float64)
    X -= mean
    X /= std + eps
    return X
