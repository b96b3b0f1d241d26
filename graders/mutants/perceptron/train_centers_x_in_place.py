"""Training first centres the features with ``X -= X.mean(axis=0)``; since
``np.asarray`` does not copy a float64 array, the caller's ``X`` is changed."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_inputs_unchanged"
MESSAGE = 'changed its input'


def train_perceptron(
    X: ArrayLike,
    y: ArrayLike,
    lr: float = 0.1,
    epochs: int = 100,
    seed: int = 0,
) -> tuple[NDArray[np.float64], float]:
    X = np.asarray(X, dtype=np.float64)
    X -= X.mean(axis=0)
    y = np.asarray(y)
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        mistakes = 0
        for i in rng.permutation(n):
            pred = step(X[i] @ w + b)
            if pred != y[i]:
                w += lr * (y[i] - pred) * X[i]
                b += lr * (y[i] - pred)
                mistakes += 1
        if mistakes == 0:
            break
    return w, float(b)
