"""Writes gigabytes to standard output (ignoring every error) inside a call, then
returns a wrong answer."""

import os

import numpy as np

EXERCISE = "activations"
ATTACKED = ("test_relu_grad",)
WHY = "exhaust the grader's memory or disk with captured output, or bury the result in it"

LINE = b"PASSED " * (1 << 17)


def relu_grad(x):
    for _ in range(8 << 10):  # 8 GiB in 1 MiB writes
        try:
            os.write(1, LINE)
        except OSError:
            pass
    return np.zeros(np.shape(x))
