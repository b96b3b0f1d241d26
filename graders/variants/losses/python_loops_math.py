"""Style: plain Python loops and the ``math`` module, returning Python floats.

Each loss walks the elements (or the rows) one by one; probabilities are clipped
per element with ``min(max(p, eps), 1 - eps)``; ``one_hot`` fills a zero matrix
row by row; ``entropy`` skips zero probabilities with ``continue``.
"""

import math

import numpy as np


def one_hot(labels, num_classes=None):
    labels = [int(v) for v in np.asarray(labels).reshape(-1)]
    if num_classes is None:
        num_classes = max(labels) + 1
    out = np.zeros((len(labels), num_classes))
    for row, label in enumerate(labels):
        out[row][label] = 1.0
    return out


def _clip(p, eps):
    return min(max(float(p), eps), 1.0 - eps)


def mean_squared_error(y_true, y_pred):
    t = np.asarray(y_true, dtype=float).ravel()
    y = np.asarray(y_pred, dtype=float).ravel()
    total = 0.0
    for a, b in zip(t, y):
        total += (a - b) ** 2
    return total / len(t)


def binary_cross_entropy(y_true, y_pred, eps=1e-7):
    t = np.asarray(y_true, dtype=float).ravel()
    y = np.asarray(y_pred, dtype=float).ravel()
    total = 0.0
    for target, prob in zip(t, y):
        p = _clip(prob, eps)
        total += target * math.log(p) + (1.0 - target) * math.log(1.0 - p)
    return -total / len(t)


def categorical_cross_entropy(y_true, y_pred, eps=1e-7):
    t = np.asarray(y_true, dtype=float)
    y = np.asarray(y_pred, dtype=float)
    if t.ndim == 1:
        t, y = t[np.newaxis, :], y[np.newaxis, :]
    losses = []
    for t_row, y_row in zip(t, y):
        loss = 0.0
        for target, prob in zip(t_row, y_row):
            loss -= target * math.log(_clip(prob, eps))
        losses.append(loss)
    return sum(losses) / len(losses)


def sparse_categorical_cross_entropy(y_true, y_pred, eps=1e-7):
    labels = np.asarray(y_true).reshape(-1)
    y = np.asarray(y_pred, dtype=float)
    total = 0.0
    for i in range(len(labels)):
        total += -math.log(_clip(y[i][int(labels[i])], eps))
    return total / len(labels)


def entropy(p, base=2):
    h = 0.0
    for prob in np.asarray(p, dtype=float).ravel():
        if prob == 0:
            continue
        h -= prob * math.log(prob, base)
    return h
