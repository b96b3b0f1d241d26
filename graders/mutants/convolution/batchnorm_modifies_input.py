"""Batch normalisation centres the caller's array in place (``x -= mean``): the output
is right, but x is changed."""

import numpy as np

CAUGHT_BY = "test_inputs_unchanged"
MESSAGE = "changed its input"


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    x -= x.mean(axis=0)
    return gamma * x / np.sqrt(x.var(axis=0) + eps) + beta
