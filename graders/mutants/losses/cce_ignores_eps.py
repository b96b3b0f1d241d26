"""Adds a fixed ``delta = 1e-7`` inside the log (the textbook trick) and never looks
at the ``eps`` argument."""

import numpy as np

CAUGHT_BY = "test_eps_argument_is_used"
MESSAGE = "Use the eps argument the caller gives"


def categorical_cross_entropy(y_true, y_pred, eps=1e-7):
    delta = 1e-7
    y = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(y_pred, dtype=np.float64)
    return float(np.mean(-np.sum(y * np.log(p + delta), axis=-1)))
