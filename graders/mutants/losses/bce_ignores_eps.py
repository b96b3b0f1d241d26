"""Clips with a hard-coded 1e-7 and ignores the ``eps`` argument the caller gives."""

import numpy as np

CAUGHT_BY = "test_eps_argument_is_used"
MESSAGE = "Use the eps argument the caller gives"


def binary_cross_entropy(y_true, y_pred, eps=1e-7):
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(y_pred, dtype=np.float64), 1e-7, 1 - 1e-7)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
