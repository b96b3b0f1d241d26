"""Style: ``one_hot`` as ``np.eye(C)[labels]``, sparse cross-entropy as
``categorical_cross_entropy(one_hot(labels, C), y_pred)``, clipping written with
``np.minimum(np.maximum(...))``, MSE with ``np.average``, and an entropy that
keeps only the positive probabilities with boolean indexing and converts the
base with ``np.log2`` / ``math.log``.
"""

import math

import numpy as np


def one_hot(labels, num_classes=None):
    labels = np.asarray(labels).astype(int).flatten()
    C = int(labels.max()) + 1 if num_classes is None else int(num_classes)
    return np.eye(C, dtype=np.float64)[labels]


def mean_squared_error(y_true, y_pred):
    err = np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)
    return float(np.average(err * err))


def _clip(p, eps):
    return np.minimum(np.maximum(np.asarray(p, dtype=np.float64), eps), 1.0 - eps)


def binary_cross_entropy(y_true, y_pred, eps=1e-7):
    y = np.asarray(y_true, dtype=np.float64)
    p = _clip(y_pred, eps)
    return float(np.average(-y * np.log(p) - (1.0 - y) * np.log(1.0 - p)))


def categorical_cross_entropy(y_true, y_pred, eps=1e-7):
    y = np.atleast_2d(np.asarray(y_true, dtype=np.float64))
    p = np.atleast_2d(_clip(y_pred, eps))
    return float((-(y * np.log(p)).sum(axis=1)).mean())


def sparse_categorical_cross_entropy(y_true, y_pred, eps=1e-7):
    y_pred = np.asarray(y_pred, dtype=np.float64)
    return categorical_cross_entropy(one_hot(y_true, y_pred.shape[-1]), y_pred, eps)


def entropy(p, base=2):
    p = np.asarray(p, dtype=np.float64).ravel()
    p = p[p > 0]
    h_bits = -np.sum(p * np.log2(p))
    return float(h_bits / math.log2(base)) + 0.0
