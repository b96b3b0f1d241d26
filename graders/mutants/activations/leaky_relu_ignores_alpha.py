"""Leaky ReLU has the slope 0.01 written into the formula and ignores its ``alpha``
argument, so ``alpha=0.2`` changes nothing."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_leaky_relu_values"
MESSAGE = 'elements differ'


def leaky_relu(x: ArrayLike, alpha: float = 0.01) -> NDArray[np.float64]:
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, 0.01 * x)
