"""Numerical gradients by the forward difference ``(loss(p + h) - loss(p)) / h``,
which is off by about ``h`` times the second derivative."""

import numpy as np

CAUGHT_BY = "test_numerical_gradients"
MESSAGE = "relative error of"


def numerical_gradients(params, X, y, activation="relu", h=1e-4):
    work = {key: np.array(value, dtype=np.float64) for key, value in params.items()}
    base = loss(work, X, y, activation)
    grads = {}
    for key in KEYS:
        array = work[key]
        grad = np.zeros_like(array)
        for index in np.ndindex(array.shape):
            old = array[index]
            array[index] = old + h
            grad[index] = (loss(work, X, y, activation) - base) / h
            array[index] = old
        grads[key] = grad
    return grads
