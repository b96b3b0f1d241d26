"""Dropout mixes the two conventions: it divides by ``1 - rate`` in training (inverted
dropout) and also multiplies by ``1 - rate`` at inference (vanilla dropout)."""

import numpy as np

CAUGHT_BY = "test_dropout_inference"
MESSAGE = "elements differ"


def dropout(x, rate, training=True, seed=0):
    if not 0.0 <= rate < 1.0:
        raise ValueError("rate must be in [0, 1)")
    x = np.asarray(x, dtype=np.float64)
    if not training:
        return x * (1.0 - rate), np.ones(x.shape, dtype=bool)
    mask = np.random.default_rng(seed).random(x.shape) >= rate
    return x * mask / (1.0 - rate), mask
