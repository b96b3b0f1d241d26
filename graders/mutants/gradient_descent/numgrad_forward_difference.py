"""The gradient is the forward difference ``(f(x + h) - f(x)) / h``: close, but its
error is about ``h * f''(x) / 2`` instead of the central difference's ``h ** 2``."""

import numpy as np

CAUGHT_BY = "test_numerical_gradient_values"
MESSAGE = "This is a one-sided difference"


def numerical_gradient(f, x, h=1e-4):
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    fx = f(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        grad[i] = (f(x) - fx) / h
        x[i] = old
    return grad
