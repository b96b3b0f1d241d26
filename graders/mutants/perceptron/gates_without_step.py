"""The gates return the perceptron's weighted sum ``x @ w + b`` (values such as
0.3 or -0.7) and forget to apply the step, so they do not return 0/1."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_gate_truth_tables"
MESSAGE = 'your function returned -0.7; expected 0.'


def AND(x1: ArrayLike, x2: ArrayLike) -> NDArray[np.float64]:
    w, b = GATES["AND"]
    return np.stack([np.asarray(x1), np.asarray(x2)], axis=-1) @ w + b


def NAND(x1: ArrayLike, x2: ArrayLike) -> NDArray[np.float64]:
    w, b = GATES["NAND"]
    return np.stack([np.asarray(x1), np.asarray(x2)], axis=-1) @ w + b


def OR(x1: ArrayLike, x2: ArrayLike) -> NDArray[np.float64]:
    w, b = GATES["OR"]
    return np.stack([np.asarray(x1), np.asarray(x2)], axis=-1) @ w + b
