"""Softmax always works on the last axis (``axis=-1`` written into the body) and
ignores its ``axis`` argument, so ``softmax(x, axis=0)`` normalises the rows."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_softmax_axis"
MESSAGE = 'elements differ'


def softmax(x: ArrayLike, axis: int = -1) -> NDArray[np.float64]:
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
