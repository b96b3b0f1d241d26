"""The ReLU derivative returns ``relu(x)`` itself, so the slope at ``x = 3`` comes
out as 3 instead of 1."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_relu_grad"
MESSAGE = 'elements differ'


def relu_grad(x: ArrayLike) -> NDArray[np.float64]:
    return relu(x)
