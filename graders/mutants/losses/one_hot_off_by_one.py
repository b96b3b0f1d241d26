"""The number of classes is taken as ``max(labels)``, forgetting that labels start
at 0, so the largest label has no column (IndexError)."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_one_hot_values"
MESSAGE = 'your code raised IndexError'


def one_hot(labels: ArrayLike, num_classes: int | None = None) -> NDArray[np.float64]:
    labels = np.asarray(labels, dtype=np.int64).reshape(-1)
    if num_classes is None:
        num_classes = int(labels.max())
    encoded = np.zeros((labels.size, num_classes))
    encoded[np.arange(labels.size), labels] = 1.0
    return encoded
