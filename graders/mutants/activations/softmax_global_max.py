"""softmax subtracts the maximum of the whole array (``x - x.max()``) instead of each
slice's own: the values are right, until a slice lies far below the largest logit, where
every exp underflows to 0 and 0 / 0 gives nan. Nothing overflows, so the hint must not
say that it did."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_softmax_large_logits"
MESSAGE = "Your result contains nan where every exp of a slice became 0, and 0 / 0 is nan"


def softmax(x: ArrayLike, axis: int = -1) -> NDArray[np.float64]:
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - x.max())
    return e / e.sum(axis=axis, keepdims=True)
