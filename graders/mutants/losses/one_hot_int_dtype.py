"""The one-hot matrix is created with ``np.zeros(..., dtype=int)``, so it holds
integers 0/1 instead of floats."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_one_hot_dtype"
MESSAGE = 'your function returned an array of dtype int64 (integer); expected float values (dtype float64).'


def one_hot(labels: ArrayLike, num_classes: int | None = None) -> NDArray[np.int64]:
    labels = np.asarray(labels, dtype=np.int64).reshape(-1)
    if num_classes is None:
        num_classes = int(labels.max()) + 1
    encoded = np.zeros((labels.size, num_classes), dtype=int)
    encoded[np.arange(labels.size), labels] = 1
    return encoded
