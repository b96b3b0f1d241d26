"""Categorical cross-entropy takes ``np.mean`` over the whole ``(n, C)`` array,
which divides by ``n * C`` instead of ``n`` (the loss comes out ``C`` times too small)."""

import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_cce_values"
MESSAGE = 'your function returned 0.389701; expected 1.55881.'


def categorical_cross_entropy(y_true: ArrayLike, y_pred: ArrayLike, eps: float = 1e-7) -> float:
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(y_pred, dtype=np.float64), eps, 1.0 - eps)
    return float(-np.mean(y * np.log(p)))
