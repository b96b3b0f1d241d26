"""The sigmoid is the textbook formula ``1 / (1 + np.exp(-x))``: right values, but
``np.exp(1000)`` overflows for ``x = -1000`` and NumPy warns "overflow encountered in exp"."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_sigmoid_extreme_inputs"
MESSAGE = 'RuntimeWarning: overflow encountered in exp'


def sigmoid(x: ArrayLike) -> NDArray[np.float64]:
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64)))
