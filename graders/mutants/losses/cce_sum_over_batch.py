"""Categorical cross-entropy adds up the per-sample losses instead of averaging
them, so four copies of a sample cost four times as much as one."""

import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_cce_batch_mean"
MESSAGE = 'your function returned 1.4267; expected 0.356675.'


def categorical_cross_entropy(y_true: ArrayLike, y_pred: ArrayLike, eps: float = 1e-7) -> float:
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(y_pred, dtype=np.float64), eps, 1.0 - eps)
    return float(-np.sum(y * np.log(p)))
