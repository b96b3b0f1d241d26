"""Returns a 10**10-element array that costs nothing to make (a broadcast view of one
number) but 80 GB to send."""

import numpy as np

EXERCISE = "activations"
ATTACKED = ("test_relu_grad", "test_inputs_unchanged")
WHY = "exhaust the grader's memory while it reads the result"


def relu_grad(x):
    return np.broadcast_to(np.float64(1.0), (10**10,))
