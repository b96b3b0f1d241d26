"""The loss takes ``np.log`` of the softmax probabilities with no guard: a
probability that underflows to 0 gives ``-log(0) = inf``."""

import numpy as np

CAUGHT_BY = "test_loss_large_scores"
MESSAGE = "the loss must be finite and large"


def loss(params, X, y, activation="relu"):
    P = forward(params, X, activation)
    y = np.asarray(y, dtype=np.int64)
    return float(-np.mean(np.log(P[np.arange(len(y)), y])))
