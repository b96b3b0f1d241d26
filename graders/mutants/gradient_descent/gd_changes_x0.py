"""``x = np.asarray(x0, dtype=float)`` does not copy a float array, and ``x -= ...``
then walks the caller's ``x0`` downhill too."""

import numpy as np

CAUGHT_BY = "test_inputs_unchanged"
MESSAGE = "changed its input"


def gradient_descent(grad, x0, lr=0.1, steps=100):
    x = np.asarray(x0, dtype=np.float64)
    history = [x.copy()]
    for _ in range(steps):
        x -= lr * grad(x)
        history.append(x.copy())
    return x.copy(), np.array(history)
