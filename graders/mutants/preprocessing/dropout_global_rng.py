"""Dropout draws its mask from the global ``np.random.rand``: the seed is ignored and
every call gives another mask."""

import numpy as np

CAUGHT_BY = "test_dropout_seed"
MESSAGE = "two calls with seed=4 gave different masks"


def dropout(x, rate, training=True, seed=0):
    if not 0.0 <= rate < 1.0:
        raise ValueError("rate must be in [0, 1)")
    x = np.asarray(x, dtype=np.float64)
    if not training:
        return x.copy(), np.ones(x.shape, dtype=bool)
    mask = np.random.rand(*x.shape) >= rate
    return x * mask / (1.0 - rate), mask
