"""Batch normalisation divides by ``np.sqrt(var) + eps`` instead of ``np.sqrt(var + eps)``."""

import numpy as np

CAUGHT_BY = "test_batchnorm_forward_small_variance"
MESSAGE = "eps is outside the square root"


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    x_hat = (x - x.mean(axis=0)) / (np.sqrt(x.var(axis=0)) + eps)
    return gamma * x_hat + beta
