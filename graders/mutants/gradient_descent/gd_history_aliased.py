"""``history.append(x)`` stores the same array each time and ``x -= ...`` changes it
in place, so every row of ``history`` is the final point."""

import numpy as np

CAUGHT_BY = "test_gradient_descent_history"
MESSAGE = "Every row of history is the final x"


def gradient_descent(grad, x0, lr=0.1, steps=100):
    x = np.array(x0, dtype=np.float64)
    history = [x]
    for _ in range(steps):
        x -= lr * grad(x)
        history.append(x)
    return x, np.array(history)
