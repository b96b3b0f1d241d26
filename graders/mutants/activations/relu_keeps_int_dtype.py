"""ReLU is ``np.maximum(0, x)`` on the input as given, so integer input comes back
as integers instead of float64."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_dtypes_and_shapes"
MESSAGE = 'your function returned an array of dtype int64 (integer); expected float values (dtype float64).'


def relu(x: ArrayLike) -> NDArray[np.float64]:
    return np.maximum(0, np.asarray(x))
