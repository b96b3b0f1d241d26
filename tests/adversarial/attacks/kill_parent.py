"""Kills its parent and every ancestor it can name (through ``PPid`` in ``/proc``) with
SIGKILL, then returns a wrong answer."""

import os
import signal

import numpy as np

EXERCISE = "activations"
ATTACKED = ("test_relu_grad",)
WHY = "kill the grader, so that the run ends without a record of failure"


def _ancestors():
    pid = os.getppid()
    while pid > 1:
        yield pid
        try:
            with open(f"/proc/{pid}/status") as f:
                pid = int([line.split()[1] for line in f if line.startswith("PPid:")][0])
        except (OSError, IndexError):
            return


def relu_grad(x):
    for pid in list(_ancestors()):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    return np.zeros(np.shape(x))
