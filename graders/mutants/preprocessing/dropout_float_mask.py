"""Dropout returns the 0/1 mask of ``rng.binomial`` as integers instead of booleans."""

import numpy as np

CAUGHT_BY = "test_dropout_training"
MESSAGE = "expected a boolean array"


def dropout(x, rate, training=True, seed=0):
    if not 0.0 <= rate < 1.0:
        raise ValueError("rate must be in [0, 1)")
    x = np.asarray(x, dtype=np.float64)
    if not training:
        return x.copy(), np.ones(x.shape, dtype=bool)
    mask = np.random.default_rng(seed).binomial(1, 1.0 - rate, size=x.shape)
    return x * mask / (1.0 - rate), mask
