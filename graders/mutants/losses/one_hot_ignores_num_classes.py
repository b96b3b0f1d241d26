"""The number of columns is always ``max(labels) + 1``; an explicit
``num_classes`` is ignored, so classes missing from the batch lose their columns."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_one_hot_num_classes"
MESSAGE = 'your function returned shape (3, 2); expected shape (3, 5).'


def one_hot(labels: ArrayLike, num_classes: int | None = None) -> NDArray[np.float64]:
    labels = np.asarray(labels, dtype=np.int64).reshape(-1)
    encoded = np.zeros((labels.size, int(labels.max()) + 1))
    encoded[np.arange(labels.size), labels] = 1.0
    return encoded
