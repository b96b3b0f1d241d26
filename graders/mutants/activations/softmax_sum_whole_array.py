"""Softmax divides by the sum of the whole array instead of the sum of each row, so
for a batch the whole batch sums to 1 rather than every row."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_softmax_values"
MESSAGE = 'Along axis -1 the slices of your result do not sum to 1'


def softmax(x: ArrayLike, axis: int = -1) -> NDArray[np.float64]:
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - np.max(x))
    return e / np.sum(e)
