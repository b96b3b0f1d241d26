"""Style: the Korean textbook "밑바닥부터 시작하는 딥러닝" (Deep Learning from Scratch),
with the contract's clipping in place of the book's ``+ delta``.

The batch cross-entropy reshapes a single sample ``(C,)`` to a batch of one and
divides the sum by ``batch_size``; the sparse version picks
``y[np.arange(batch_size), t]``; ``one_hot`` is ``np.eye(C)[labels]``; MSE is a
sum divided by the element count; ``entropy`` uses the masked log
``np.log(p, where=p > 0, out=zeros)``. Losses return NumPy float64 scalars.
"""

import numpy as np


def one_hot(labels, num_classes=None):
    labels = np.asarray(labels, dtype=int).reshape(-1)
    if num_classes is None:
        num_classes = labels.max() + 1
    return np.eye(num_classes)[labels]


def mean_squared_error(y_true, y_pred):
    t = np.asarray(y_true, dtype=float)
    y = np.asarray(y_pred, dtype=float)
    return np.sum((y - t) ** 2) / y.size


def binary_cross_entropy(y_true, y_pred, eps=1e-7):
    t = np.asarray(y_true, dtype=float)
    y = np.clip(np.asarray(y_pred, dtype=float), eps, 1 - eps)
    return -np.sum(t * np.log(y) + (1 - t) * np.log(1 - y)) / y.size


def categorical_cross_entropy(y_true, y_pred, eps=1e-7):
    t = np.asarray(y_true, dtype=float)
    y = np.clip(np.asarray(y_pred, dtype=float), eps, 1 - eps)
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    batch_size = y.shape[0]
    return -np.sum(t * np.log(y)) / batch_size


def sparse_categorical_cross_entropy(y_true, y_pred, eps=1e-7):
    t = np.asarray(y_true, dtype=int)
    y = np.clip(np.asarray(y_pred, dtype=float), eps, 1 - eps)
    if y.ndim == 1:
        t = t.reshape(1)
        y = y.reshape(1, y.size)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t])) / batch_size


def entropy(p, base=2):
    p = np.asarray(p, dtype=float)
    log_p = np.log(p, where=p > 0, out=np.zeros_like(p))
    return -np.sum(p * log_p) / np.log(base)
