"""The loss is recorded after each epoch's update instead of before it."""

import numpy as np

CAUGHT_BY = "test_linear_regression_losses"
MESSAGE = "Your losses are those after each update"


def linear_regression_gd(X, y, lr=0.01, epochs=1000):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    losses = []
    for _ in range(epochs):
        error = X @ w + b - y
        w = w - lr * 2 / n * X.T @ error
        b = b - lr * 2 / n * error.sum()
        losses.append(float(np.mean((X @ w + b - y) ** 2)))
    return w, b, losses
