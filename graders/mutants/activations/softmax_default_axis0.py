"""Softmax is declared with ``axis=0`` as the default, so a batch of logits
``(n, C)`` is normalised down the columns instead of along each row."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_softmax_values"
MESSAGE = 'elements differ'


def softmax(x: ArrayLike, axis: int = 0) -> NDArray[np.float64]:
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)
