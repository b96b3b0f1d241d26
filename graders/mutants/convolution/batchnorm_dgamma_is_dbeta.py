"""Batch-norm backward with ``dgamma = dout.sum(axis=0)``, the gradient of beta, instead
of ``(dout * x_hat).sum(axis=0)``."""

import numpy as np

CAUGHT_BY = "test_batchnorm_backward"
MESSAGE = "Your dgamma is dout.sum(axis=0)"


def batchnorm_backward(dout, x, gamma, eps=1e-5):
    dout = np.asarray(dout, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    std = np.sqrt(x.var(axis=0) + eps)
    x_hat = (x - x.mean(axis=0)) / std
    dx_hat = dout * gamma
    dx = (dx_hat - dx_hat.mean(axis=0) - x_hat * (dx_hat * x_hat).mean(axis=0)) / std
    return dx, dout.sum(axis=0), dout.sum(axis=0)
