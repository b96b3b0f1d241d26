"""The weighted sum is ``np.sum(x * w, axis=0)``: right for one sample, but for a
batch ``(n, d)`` it adds up the samples and returns ``d`` values instead of ``n``."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_perceptron_batch"
MESSAGE = 'your function returned shape (3,); expected shape (6,).'


def perceptron(x: ArrayLike, w: ArrayLike, b: float) -> NDArray[np.int64]:
    x = np.asarray(x, dtype=np.float64)
    return step(np.sum(x * np.asarray(w, dtype=np.float64), axis=0) + b)
