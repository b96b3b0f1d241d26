"""Categorical cross-entropy takes the log of ``y_pred`` without clipping, so a
probability of exactly 0 gives ``0 * log(0) = nan``."""

import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_cce_zeros_in_probabilities"
MESSAGE = '(the result is not a finite number)'


def categorical_cross_entropy(y_true: ArrayLike, y_pred: ArrayLike, eps: float = 1e-7) -> float:
    y = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(y_pred, dtype=np.float64)
    return float(np.mean(-np.sum(y * np.log(p), axis=-1)))
