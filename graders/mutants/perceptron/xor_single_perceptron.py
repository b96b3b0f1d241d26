"""XOR is tried as one perceptron (here with OR-like weights), which cannot
separate XOR: the input (1, 1) gives 1 instead of 0."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_xor_truth_table"
MESSAGE = 'your function returned 1; expected 0.'


def XOR(x1: ArrayLike, x2: ArrayLike) -> NDArray[np.int64]:
    x = np.stack([np.asarray(x1), np.asarray(x2)], axis=-1)
    return perceptron(x, np.array([0.5, 0.5]), -0.2)
