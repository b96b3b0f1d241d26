"""The loop runs over ``range(len(x))`` with ``x[i]``: right for a vector, but for a
2-D ``x`` each ``x[i]`` is a whole row, shifted all at once."""

import numpy as np

CAUGHT_BY = "test_numerical_gradient_2d"
MESSAGE = "x[i] with one number is a whole row"


def numerical_gradient(f, x, h=1e-4):
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for i in range(len(x)):
        old = x[i].copy()
        x[i] = old + h
        f_plus = f(x)
        x[i] = old - h
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
