"""The probabilities are picked with ``y_pred[labels]``, which selects whole rows
(sample number ``labels[i]``) instead of one entry per sample, ``y_pred[np.arange(n), labels]``."""

import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_sparse_cce_values"
MESSAGE = 'your function returned 1.43814; expected 1.59203.'


def sparse_categorical_cross_entropy(
    y_true: ArrayLike, y_pred: ArrayLike, eps: float = 1e-7
) -> float:
    labels = np.asarray(y_true, dtype=np.int64)
    p = np.clip(np.asarray(y_pred, dtype=np.float64), eps, 1.0 - eps)
    return float(-np.mean(np.log(p[labels])))
