"""Starts a thread that outlives the call, spinning and printing forever, then returns a
wrong answer: the later tests run beside it."""

import threading

import numpy as np

EXERCISE = "activations"
ATTACKED = ("test_relu_grad",)
WHY = "slow down or disturb the tests that follow, from a thread that never ends"


def _spin():
    n = 0
    while True:
        n += 1
        if n % 1_000_000 == 0:
            print("still here", n)


def relu_grad(x):
    threading.Thread(target=_spin, daemon=False).start()
    return np.zeros(np.shape(x))
