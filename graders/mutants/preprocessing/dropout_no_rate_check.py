"""Dropout never checks ``rate``: ``rate=1`` divides by zero and returns nan instead of
raising ValueError."""

import numpy as np

CAUGHT_BY = "test_dropout_bad_rate"
MESSAGE = "instead of raising ValueError"


def dropout(x, rate, training=True, seed=0):
    x = np.asarray(x, dtype=np.float64)
    if not training:
        return x.copy(), np.ones(x.shape, dtype=bool)
    mask = np.random.default_rng(seed).random(x.shape) >= rate
    return x * mask / (1.0 - rate), mask
