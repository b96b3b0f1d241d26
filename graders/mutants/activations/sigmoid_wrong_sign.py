"""The minus sign in the exponent is dropped: ``1 / (1 + exp(x))`` is the sigmoid
mirrored, so ``sigmoid(2)`` gives 0.12 instead of 0.88."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_sigmoid_values"
MESSAGE = 'elements differ'


def sigmoid(x: ArrayLike) -> NDArray[np.float64]:
    return 1.0 / (1.0 + np.exp(np.asarray(x, dtype=np.float64)))
