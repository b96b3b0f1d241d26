"""The cross-entropy is summed over the batch instead of averaged."""

import numpy as np

CAUGHT_BY = "test_loss_values"
MESSAGE = "use np.mean, not np.sum"


def loss(params, X, y, activation="relu"):
    log_p = _log_softmax(_scores(params, X, activation)[3])
    y = np.asarray(y, dtype=np.int64)
    return float(-np.sum(log_p[np.arange(len(y)), y]))
