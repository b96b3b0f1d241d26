"""Dropout ignores ``training`` and drops units at inference too."""

import numpy as np

CAUGHT_BY = "test_dropout_inference"
MESSAGE = "nothing may be dropped"


def dropout(x, rate, training=True, seed=0):
    if not 0.0 <= rate < 1.0:
        raise ValueError("rate must be in [0, 1)")
    x = np.asarray(x, dtype=np.float64)
    mask = np.random.default_rng(seed).random(x.shape) >= rate
    return x * mask / (1.0 - rate), mask
