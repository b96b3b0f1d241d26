"""Softmax is ``exp(x) / sum(exp(x))`` without subtracting the maximum first, so
logits around 1000 overflow to ``inf / inf = nan``."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_softmax_large_logits"
MESSAGE = "Your result contains nan: np.exp overflowed to inf"


def softmax(x: ArrayLike, axis: int = -1) -> NDArray[np.float64]:
    e = np.exp(np.asarray(x, dtype=np.float64))
    return e / np.sum(e, axis=axis, keepdims=True)
