"""``standardize`` divides by ``std`` alone and never uses ``eps``: a constant
feature gives ``0 / 0 = nan``."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_standardize_constant_feature"
MESSAGE = "Your result contains nan: a constant feature has std == 0"


def standardize(X: ArrayLike, mean: ArrayLike, std: ArrayLike, eps: float = 1e-8) -> NDArray[np.float64]:
    return (np.asarray(X, dtype=np.float64) - mean) / std
