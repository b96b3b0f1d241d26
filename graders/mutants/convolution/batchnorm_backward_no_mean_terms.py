"""Batch-norm backward that treats the batch mean and variance as constants:
``dx = dout * gamma / std``, without the two mean terms."""

import numpy as np

CAUGHT_BY = "test_batchnorm_backward"
MESSAGE = "treats the batch mean and variance as constants"


def batchnorm_backward(dout, x, gamma, eps=1e-5):
    dout = np.asarray(dout, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    std = np.sqrt(x.var(axis=0) + eps)
    x_hat = (x - x.mean(axis=0)) / std
    return dout * gamma / std, (dout * x_hat).sum(axis=0), dout.sum(axis=0)
