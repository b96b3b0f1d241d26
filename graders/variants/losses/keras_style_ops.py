"""Style: Keras-like NumPy operations.

``one_hot`` writes the ones with ``np.put_along_axis``; MSE is
``np.square(np.subtract(...)).mean()``; the cross-entropies clip with
``np.clip`` and use ``np.einsum`` / ``np.take_along_axis``; ``entropy`` silences
the ``log(0)`` with ``np.errstate`` and drops the ``nan`` of ``0 * log 0`` with
``np.nansum`` (no warning is raised). Losses return NumPy float64 scalars.
"""

import numpy as np


def one_hot(labels, num_classes=None):
    labels = np.asarray(labels, dtype=np.int64).reshape(-1, 1)
    if num_classes is None:
        num_classes = labels.max() + 1
    out = np.zeros((labels.shape[0], num_classes), dtype=np.float64)
    np.put_along_axis(out, labels, 1.0, axis=1)
    return out


def mean_squared_error(y_true, y_pred):
    return np.square(np.subtract(np.asarray(y_true, dtype=np.float64), np.asarray(y_pred, dtype=np.float64))).mean()


def binary_cross_entropy(y_true, y_pred, eps=1e-7):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.clip(np.asarray(y_pred, dtype=np.float64), eps, 1.0 - eps)
    bce = y_true * np.log(y_pred)
    bce += (1.0 - y_true) * np.log(1.0 - y_pred)
    return -bce.mean()


def categorical_cross_entropy(y_true, y_pred, eps=1e-7):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.clip(np.asarray(y_pred, dtype=np.float64), eps, 1.0 - eps)
    per_sample = -np.einsum("...c,...c->...", y_true, np.log(y_pred))
    return per_sample.mean()


def sparse_categorical_cross_entropy(y_true, y_pred, eps=1e-7):
    labels = np.asarray(y_true, dtype=np.int64).reshape(-1, 1)
    y_pred = np.clip(np.asarray(y_pred, dtype=np.float64), eps, 1.0 - eps)
    picked = np.take_along_axis(y_pred, labels, axis=1)
    return -np.log(picked).mean()


def entropy(p, base=2):
    p = np.asarray(p, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = p * np.log(p)
    return -np.nansum(terms) / np.log(base)
