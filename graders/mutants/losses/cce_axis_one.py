"""The class sum is written with ``axis=1``, which works for a batch ``(n, C)``
but raises an AxisError for a single sample of shape ``(C,)``."""

import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_cce_single_sample"
MESSAGE = 'your code raised AxisError'


def categorical_cross_entropy(y_true: ArrayLike, y_pred: ArrayLike, eps: float = 1e-7) -> float:
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(y_pred, dtype=np.float64), eps, 1.0 - eps)
    return float(np.mean(-np.sum(y * np.log(p), axis=1)))
