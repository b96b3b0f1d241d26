"""The gates unpack their inputs as two numbers with ``np.array([x1, x2])``: fine
for scalars, but for two arrays of shape ``(4,)`` the samples end up on the wrong
axis and the weighted sum fails or mixes samples."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_gates_elementwise"
MESSAGE = 'your code raised ValueError'


def AND(x1: ArrayLike, x2: ArrayLike) -> NDArray[np.int64]:
    w, b = GATES["AND"]
    return perceptron(np.array([x1, x2]), w, b)


def NAND(x1: ArrayLike, x2: ArrayLike) -> NDArray[np.int64]:
    w, b = GATES["NAND"]
    return perceptron(np.array([x1, x2]), w, b)


def OR(x1: ArrayLike, x2: ArrayLike) -> NDArray[np.int64]:
    w, b = GATES["OR"]
    return perceptron(np.array([x1, x2]), w, b)
