"""Binary cross-entropy keeps only ``y * log(p)`` and forgets the
``(1 - y) * log(1 - p)`` term, so wrong confident predictions for class 0 cost nothing."""

import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_bce_values"
MESSAGE = 'your function returned 0.508057; expected 1.13325.'


def binary_cross_entropy(y_true: ArrayLike, y_pred: ArrayLike, eps: float = 1e-7) -> float:
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(y_pred, dtype=np.float64), eps, 1.0 - eps)
    return float(-np.mean(y * np.log(p)))
