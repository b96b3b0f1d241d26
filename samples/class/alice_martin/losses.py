"""Reference solution: one-hot encoding, mean squared error and cross-entropy.

Losses take ``(y_true, y_pred)`` in that order (the Keras order) and return a
Python float. Cross-entropies clip probabilities to ``[eps, 1 - eps]`` so that
``log(0)`` never happens.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def one_hot(labels: ArrayLike, num_classes: int | None = None) -> NDArray[np.float64]:
    """Encode integer class labels ``(n,)`` as a float64 matrix ``(n, C)``.

    Row ``i`` is all zeros except a 1.0 in column ``labels[i]``.
    ``C = max(labels) + 1`` unless ``num_classes`` is given. Labels of any shape
    are flattened first, as Keras' ``to_categorical`` does for ``(n, 1)``.
    """
    labels = np.asarray(labels, dtype=np.int64).reshape(-1)
    if num_classes is None:
        num_classes = int(labels.max()) + 1
    if labels.min() < 0 or labels.max() >= num_classes:
        raise ValueError(
            f"one_hot: labels must lie in 0..{num_classes - 1} "
            f"(num_classes={num_classes}); got labels from {labels.min()} to {labels.max()}"
        )
    encoded = np.zeros((labels.size, num_classes), dtype=np.float64)
    encoded[np.arange(labels.size), labels] = 1.0
    return encoded


def mean_squared_error(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Return the mean of ``(y_true - y_pred) ** 2`` over all elements."""
    diff = np.asarray(y_true, dtype=np.float64) - np.asarray(y_pred, dtype=np.float64)
    return float(np.mean(diff**2))


def binary_cross_entropy(y_true: ArrayLike, y_pred: ArrayLike, eps: float = 1e-7) -> float:
    """Return the mean over elements of ``-(y log p + (1 - y) log(1 - p))``.

    ``p`` is ``y_pred`` clipped to ``[eps, 1 - eps]``, so predictions of exactly
    0 or 1 give a large but finite loss.
    """
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(y_pred, dtype=np.float64), eps, 1.0 - eps)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))


def categorical_cross_entropy(
    y_true: ArrayLike, y_pred: ArrayLike, eps: float = 1e-7
) -> float:
    """Return the batch mean of ``-sum(y_true * log(clip(y_pred)))`` over classes.

    ``y_true`` and ``y_pred`` are ``(n, C)`` (one-hot targets, predicted
    probabilities) or a single sample ``(C,)``; classes lie on the last axis.
    """
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(y_pred, dtype=np.float64), eps, 1.0 - eps)
    per_sample = -np.sum(y * np.log(p), axis=-1)
    return float(np.mean(per_sample))


def sparse_categorical_cross_entropy(
    y_true: ArrayLike, y_pred: ArrayLike, eps: float = 1e-7
) -> float:
    """Return the categorical cross-entropy for integer labels ``(n,)``.

    Equal to ``categorical_cross_entropy(one_hot(y_true, C), y_pred)`` for
    ``y_pred`` of shape ``(n, C)``, without building the one-hot matrix: the
    loss of sample ``i`` is ``-log(y_pred[i, y_true[i]])``.
    """
    labels = np.asarray(y_true, dtype=np.int64)
    p = np.clip(np.asarray(y_pred, dtype=np.float64), eps, 1.0 - eps)
    picked = p[np.arange(labels.shape[0]), labels]
    return float(-np.mean(np.log(picked)))


def entropy(p: ArrayLike, base: float = 2) -> float:
    """Return the Shannon entropy ``-sum(p * log(p))`` of the distribution ``p``.

    Logarithms are taken in ``base`` (2: bits, ``np.e``: nats). Terms with
    ``p == 0`` count as 0 (the limit of ``p log p``) and are skipped rather than
    computed, so no ``log(0)`` warning appears.
    """
    p = np.asarray(p, dtype=np.float64)
    nonzero = p[p > 0]
    h = -np.sum(nonzero * np.log(nonzero)) / np.log(base)
    # A sure outcome gives -0.0; adding 0.0 reports it as a plain 0.0.
    return float(h) + 0.0
