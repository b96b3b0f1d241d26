"""Batch normalisation takes the mean and the variance over each sample's features
(axis 1, as layer normalisation does) instead of over the batch (axis 0)."""

import numpy as np

CAUGHT_BY = "test_batchnorm_forward"
MESSAGE = "not one per sample (row)"


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    mean = x.mean(axis=1, keepdims=True)
    var = x.var(axis=1, keepdims=True)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta
