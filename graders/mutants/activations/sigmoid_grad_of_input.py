"""The sigmoid derivative is written as ``x * (1 - x)``, the formula for the
sigmoid's output, applied to the input ``x`` itself."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_sigmoid_grad"
MESSAGE = 'elements differ'


def sigmoid_grad(x: ArrayLike) -> NDArray[np.float64]:
    x = np.asarray(x, dtype=np.float64)
    return x * (1.0 - x)
