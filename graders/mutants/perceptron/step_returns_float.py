"""The step returns the floats 0.0 and 1.0 from ``np.where`` instead of an
integer array; the values are right but the dtype is not."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_step_dtype_and_shape"
MESSAGE = 'your function returned an array of dtype float64 (float); expected integer values (dtype int64).'


def step(x: ArrayLike) -> NDArray[np.float64]:
    return np.where(np.asarray(x) > 0, 1.0, 0.0)
