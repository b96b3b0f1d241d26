"""Only the points after each step are recorded; ``x0`` itself is missing."""

import numpy as np

CAUGHT_BY = "test_gradient_descent_history"
MESSAGE = "history must start with x0"


def gradient_descent(grad, x0, lr=0.1, steps=100):
    x = np.array(x0, dtype=np.float64)
    history = []
    for _ in range(steps):
        x = x - lr * grad(x)
        history.append(x)
    return x, np.array(history).reshape((steps,) + x.shape)
