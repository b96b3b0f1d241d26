"""Batch normalisation with the unbiased variance (``ddof=1``, divided by N - 1)."""

import numpy as np

CAUGHT_BY = "test_batchnorm_forward"
MESSAGE = "divides by N - 1 (ddof=1)"


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    x_hat = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0, ddof=1) + eps)
    return gamma * x_hat + beta
