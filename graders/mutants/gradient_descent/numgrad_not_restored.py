"""The textbook loop without its last line: after evaluating ``f`` at ``x[i] - h``
the original ``x[i]`` is never put back, so the caller's ``x`` ends up shifted by
``-h`` everywhere."""

import numpy as np

CAUGHT_BY = "test_inputs_unchanged"
MESSAGE = "changed its input"


def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        i = it.multi_index
        old = float(x[i])
        x[i] = old + h
        f_plus = f(x)
        x[i] = old - h
        f_minus = f(x)
        grad[i] = (f_plus - f_minus) / (2 * h)
        it.iternext()
    return grad
