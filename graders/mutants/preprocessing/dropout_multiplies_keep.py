"""Dropout multiplies the kept units by ``1 - rate`` instead of dividing by it."""

import numpy as np

CAUGHT_BY = "test_dropout_training"
MESSAGE = "you multiplied by it"


def dropout(x, rate, training=True, seed=0):
    if not 0.0 <= rate < 1.0:
        raise ValueError("rate must be in [0, 1)")
    x = np.asarray(x, dtype=np.float64)
    if not training:
        return x.copy(), np.ones(x.shape, dtype=bool)
    mask = np.random.default_rng(seed).random(x.shape) >= rate
    return x * mask * (1.0 - rate), mask
