"""The stable sigmoid and leaky ReLU fill their result into ``np.empty_like(x)`` and
``np.zeros_like(x)``, which take the input's dtype: for integer input they return
integers (the sigmoid's 0.73 becomes 0), not floats. Two functions fail one test, and its
message names both."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_dtypes_and_shapes"
MESSAGE = "2 of the 6 checks of this test failed; here is each of them:"


def sigmoid(x: ArrayLike) -> NDArray[np.float64]:
    x = np.asarray(x)
    out = np.empty_like(x)
    positive = x >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-x[positive]))
    e = np.exp(x[~positive])
    out[~positive] = e / (1.0 + e)
    return out


def leaky_relu(x: ArrayLike, alpha: float = 0.01) -> NDArray[np.float64]:
    x = np.asarray(x)
    out = np.zeros_like(x)
    out[x > 0] = x[x > 0]
    out[x <= 0] = alpha * x[x <= 0]
    return out
