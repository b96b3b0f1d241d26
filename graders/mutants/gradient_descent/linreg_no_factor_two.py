"""The gradient leaves out the factor 2 of ``d/dw mean(error ** 2)`` (the gradient of
half the MSE), which walks the path of half the learning rate."""

import numpy as np

CAUGHT_BY = "test_linear_regression_weights"
MESSAGE = "factor 2"


def linear_regression_gd(X, y, lr=0.01, epochs=1000):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    losses = []
    for _ in range(epochs):
        error = X @ w + b - y
        losses.append(float(np.mean(error**2)))
        w = w - lr * X.T @ error / n
        b = b - lr * error.sum() / n
    return w, b, losses
