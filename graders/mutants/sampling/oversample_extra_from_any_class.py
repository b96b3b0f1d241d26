"""The extra rows of class ``c`` are drawn from all of ``X`` and labelled ``c``, so
rows of other classes are copied under the wrong label."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_oversample_keeps_originals"
MESSAGE = "have another label than in the input"


def random_oversample(X: ArrayLike, y: ArrayLike, seed: int = 0) -> tuple[NDArray, NDArray]:
    X, y = np.asarray(X), np.asarray(y)
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(y, return_counts=True)
    new_X, new_y = [X], [y]
    for c, m in zip(classes, counts):
        rows = rng.choice(len(y), size=counts.max() - m)
        new_X.append(X[rows])
        new_y.append(np.full(counts.max() - m, c))
    return np.concatenate(new_X), np.concatenate(new_y)
