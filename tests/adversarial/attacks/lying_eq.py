"""Returns an object that claims to equal anything: ``__eq__`` always true, ``__ne__``
always false, ``__bool__`` true, ``__len__`` and ``shape`` copied from the input."""

import numpy as np

EXERCISE = "activations"
ATTACKED = ("test_relu_grad", "test_inputs_unchanged")
WHY = "a grader that checks `result == expected` (or np.all of it) passes any object that says yes"


class Agreeable:
    def __init__(self, x):
        self.shape = np.shape(x)
        self.dtype = np.dtype(float)

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __bool__(self):
        return True

    def __len__(self):
        return self.shape[0] if self.shape else 0

    __hash__ = object.__hash__


def relu_grad(x):
    return Agreeable(x)
