"""The predictions are clipped by assigning into the caller's array
(``y_pred[y_pred < eps] = eps``), so an exact 0 or 1 passed in is changed."""

import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_inputs_unchanged"
MESSAGE = 'changed its input'


def binary_cross_entropy(y_true: ArrayLike, y_pred: ArrayLike, eps: float = 1e-7) -> float:
    y = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(y_pred, dtype=np.float64)
    p[p < eps] = eps
    p[p > 1.0 - eps] = 1.0 - eps
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))
