"""Returns an object whose ``__array__`` gives the right answer only the first time it is
asked (when a checker converts it to look at it) and zeros afterwards (when the value is
kept), and whose ``__float__``/``__eq__`` agree with everything."""

import numpy as np

EXERCISE = "activations"
ATTACKED = ("test_relu_grad", "test_inputs_unchanged")
WHY = "pass a shape-and-type check with one face, then be compared with another"

_honest = relu_grad


class TwoFaced:
    def __init__(self, x):
        self.x = x
        self.asked = 0

    def __array__(self, dtype=None, copy=None):
        self.asked += 1
        if self.asked == 1:
            return np.asarray(_honest(self.x), dtype=dtype)
        return np.zeros(np.shape(self.x))

    def __float__(self):
        return 0.0

    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


def relu_grad(x):
    return TwoFaced(x)
