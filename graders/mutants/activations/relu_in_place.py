"""ReLU sets the negatives to zero with ``x[x < 0] = 0`` on the array it was given,
so the caller's array is changed too."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_inputs_unchanged"
MESSAGE = 'changed its input'


def relu(x: ArrayLike) -> NDArray[np.float64]:
    x = np.asarray(x, dtype=np.float64)
    x[x < 0] = 0.0
    return x
