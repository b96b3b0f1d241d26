"""The update uses ``(prediction - y[i])`` instead of ``(y[i] - prediction)``, so
every correction pushes the weights away from the answer."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_train_perceptron_update_rule"
MESSAGE = 'in item [0] of the result, 2 / 2 elements differ'


def train_perceptron(
    X: ArrayLike,
    y: ArrayLike,
    lr: float = 0.1,
    epochs: int = 100,
    seed: int = 0,
) -> tuple[NDArray[np.float64], float]:
    X = np.asarray(X, dtype=np.float64)
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
                w += lr * (pred - y[i]) * X[i]
                b += lr * (pred - y[i])
                mistakes += 1
        if mistakes == 0:
            break
    return w, float(b)
