"""``(f_plus - f_minus) / 2 * h`` divides by 2 and then multiplies by ``h``."""

import numpy as np

CAUGHT_BY = "test_numerical_gradient_values"
MESSAGE = "Mind the brackets"


def numerical_gradient(f, x, h=1e-4):
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        f_plus = f(x)
        x[i] = old - h
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / 2 * h
    return grad
