"""The arguments are taken in the order ``(y_pred, y_true)``, so the targets are
used as probabilities and the predictions as targets."""

import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_bce_argument_order"
MESSAGE = 'your function returned 4.29816; expected 0.324287.'


def binary_cross_entropy(y_pred: ArrayLike, y_true: ArrayLike, eps: float = 1e-7) -> float:
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(y_pred, dtype=np.float64), eps, 1.0 - eps)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))
