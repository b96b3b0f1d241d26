"""Dropout keeps a unit with probability ``rate`` (``mask = rng.random(shape) < rate``)
instead of dropping it with that probability: with ``rate=0.3`` it drops 70%."""

import numpy as np

CAUGHT_BY = "test_dropout_rate_statistics"
MESSAGE = "units were dropped; expected about 30%"


def dropout(x, rate, training=True, seed=0):
    if not 0.0 <= rate < 1.0:
        raise ValueError("rate must be in [0, 1)")
    x = np.asarray(x, dtype=np.float64)
    if not training:
        return x.copy(), np.ones(x.shape, dtype=bool)
    mask = np.random.default_rng(seed).random(x.shape) < rate
    return x * mask / (1.0 - rate), mask
