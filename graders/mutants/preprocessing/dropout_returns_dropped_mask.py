"""Dropout computes ``out`` right but returns the mask of the *dropped* units
(``rng.random(shape) < rate``) instead of the kept ones."""

import numpy as np

CAUGHT_BY = "test_dropout_training"
MESSAGE = "mask must be True where a unit is kept"


def dropout(x, rate, training=True, seed=0):
    if not 0.0 <= rate < 1.0:
        raise ValueError("rate must be in [0, 1)")
    x = np.asarray(x, dtype=np.float64)
    if not training:
        return x.copy(), np.ones(x.shape, dtype=bool)
    dropped = np.random.default_rng(seed).random(x.shape) < rate
    return x * ~dropped / (1.0 - rate), dropped
