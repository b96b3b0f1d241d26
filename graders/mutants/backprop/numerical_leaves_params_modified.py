"""Numerical gradients perturb the caller's arrays in place and never put the saved
value back: every element of ``params`` is left at ``p - h``."""

import numpy as np

CAUGHT_BY = "test_inputs_unchanged"
MESSAGE = "changed its input (argument 1['W1']"


def numerical_gradients(params, X, y, activation="relu", h=1e-4):
    grads = {}
    for key in KEYS:
        array = params[key]
        grad = np.zeros_like(array)
        for index in np.ndindex(array.shape):
            old = array[index]
            array[index] = old + h
            plus = loss(params, X, y, activation)
            array[index] = old - h
            minus = loss(params, X, y, activation)
            grad[index] = (plus - minus) / (2.0 * h)
        grads[key] = grad
    return grads
