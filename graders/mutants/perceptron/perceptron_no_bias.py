"""The perceptron forgets the bias and computes ``step(x @ w)``, so every
decision line passes through the origin."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_perceptron_batch"
MESSAGE = 'elements differ'


def perceptron(x: ArrayLike, w: ArrayLike, b: float) -> NDArray[np.int64]:
    return step(np.asarray(x, dtype=np.float64) @ np.asarray(w, dtype=np.float64))
