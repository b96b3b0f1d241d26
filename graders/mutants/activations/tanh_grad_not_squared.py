"""The tanh derivative forgets the square and computes ``1 - tanh(x)`` instead of
``1 - tanh(x) ** 2``."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_tanh_grad"
MESSAGE = 'elements differ'


def tanh_grad(x: ArrayLike) -> NDArray[np.float64]:
    return 1.0 - np.tanh(np.asarray(x, dtype=np.float64))
