"""The squared errors are added up with ``np.sum`` instead of averaged with
``np.mean``, so the loss grows with the number of elements."""

import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_mse_values"
MESSAGE = 'your function returned 31.9206; expected 2.66005.'


def mean_squared_error(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    diff = np.asarray(y_true, dtype=np.float64) - np.asarray(y_pred, dtype=np.float64)
    return float(np.sum(diff**2))
