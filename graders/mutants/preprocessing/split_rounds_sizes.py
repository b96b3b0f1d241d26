"""The split sizes are ``round(f * n)`` instead of ``floor(f * n)``, so with ``n = 7``
and ``(0.8, 0.1, 0.1)`` the parts have 6, 1 and 0 rows instead of 5, 0 and 2."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_split_sizes"
MESSAGE = "floor(0.8 * 7) = 5 training rows"


def train_dev_test_split(
    X: ArrayLike, y: ArrayLike, fractions: tuple[float, float, float] = (0.8, 0.1, 0.1), seed: int = 0
) -> tuple[NDArray, NDArray, NDArray, NDArray, NDArray, NDArray]:
    X, y = np.asarray(X), np.asarray(y)
    if any(f < 0 for f in fractions) or abs(sum(fractions) - 1.0) > 1e-9:
        raise ValueError("bad fractions")
    n = len(X)
    a, b = round(fractions[0] * n), round(fractions[1] * n)
    perm = np.random.default_rng(seed).permutation(n)
    X, y = X[perm], y[perm]
    return X[:a], y[:a], X[a:a + b], y[a:a + b], X[a + b:], y[a + b:]
