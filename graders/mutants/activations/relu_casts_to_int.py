"""ReLU that casts its result to integers: right for integer input (which may stay
integers), wrong for float input, whose fractions are lost."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_relu_values"
MESSAGE = "your function returned an array of dtype int64 (integer); expected float values (dtype float64)."


def relu(x: ArrayLike) -> NDArray[np.float64]:
    return np.maximum(0, np.asarray(x)).astype(np.int64)
