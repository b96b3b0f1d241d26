"""Searches ``gc.get_objects()`` for an array of the input's shape that is not the input,
hoping it is the grader's expected value, and returns it."""

import gc

import numpy as np

EXERCISE = "activations"
ATTACKED = ("test_relu_grad",)
WHY = "find the expected array among the objects of the process, as in-process graders allow"


def relu_grad(x):
    for obj in gc.get_objects():
        if isinstance(obj, np.ndarray) and obj is not x and obj.shape == np.shape(x) and obj.dtype.kind == "f":
            if not np.array_equal(obj, x):
                return obj.copy()
    return np.zeros(np.shape(x))
