"""A segmentation fault through ``ctypes`` (reading address 0) inside a call."""

import ctypes

EXERCISE = "activations"
ATTACKED = ("test_relu_grad", "test_inputs_unchanged")
WHY = "crash the process that runs the tests, taking the rest of the grading with it"


def relu_grad(x):
    return ctypes.string_at(0, 16)
