"""Binary cross-entropy takes the log of ``y_pred`` without clipping, so a
prediction of exactly 0 or 1 gives ``log(0)`` and an ``inf`` or ``nan`` loss."""

import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_bce_clipping"
MESSAGE = '(the result is not a finite number)'


def binary_cross_entropy(y_true: ArrayLike, y_pred: ArrayLike, eps: float = 1e-7) -> float:
    y = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(y_pred, dtype=np.float64)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))
