"""The leaky ReLU derivative is copied from ReLU's and returns 0 for negative
inputs instead of ``alpha``."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_leaky_relu_grad"
MESSAGE = 'elements differ'


def leaky_relu_grad(x: ArrayLike, alpha: float = 0.01) -> NDArray[np.float64]:
    return np.where(np.asarray(x) > 0, 1.0, 0.0)
