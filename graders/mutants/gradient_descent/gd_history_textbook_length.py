"""The textbook's loop: the point is recorded *before* each step, so ``history`` has
``steps`` rows and misses the final point."""

import numpy as np

CAUGHT_BY = "test_gradient_descent_history"
MESSAGE = "history is missing the last point"


def gradient_descent(grad, x0, lr=0.1, steps=100):
    x = np.array(x0, dtype=np.float64)
    history = []
    for _ in range(steps):
        history.append(x.copy())
        x -= lr * grad(x)
    return x, np.array(history)
