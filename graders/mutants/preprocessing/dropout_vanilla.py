"""Vanilla dropout: the kept units are not divided by ``1 - rate``, so the outputs
are on average too small during training."""

import numpy as np

CAUGHT_BY = "test_dropout_training"
MESSAGE = "you left them as they were"


def dropout(x, rate, training=True, seed=0):
    if not 0.0 <= rate < 1.0:
        raise ValueError("rate must be in [0, 1)")
    x = np.asarray(x, dtype=np.float64)
    if not training:
        return x.copy(), np.ones(x.shape, dtype=bool)
    mask = np.random.default_rng(seed).random(x.shape) >= rate
    return x * mask, mask
