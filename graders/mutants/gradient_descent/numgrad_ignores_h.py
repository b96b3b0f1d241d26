"""The step is written into the body as ``1e-4``; the ``h`` argument is ignored."""

import numpy as np

CAUGHT_BY = "test_numerical_gradient_h"
MESSAGE = "use the h argument"


def numerical_gradient(f, x, h=1e-4):
    step = 1e-4
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + step
        f_plus = f(x)
        x[i] = old - step
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * step)
    return grad
