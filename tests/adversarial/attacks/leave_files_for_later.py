"""Leaves files (named with the marker) in the host's shared places, ``/tmp``,
``/var/tmp`` and ``/dev/shm``, and next to its working directory, as a channel to later
submissions or a way to fill them; returns a wrong answer."""

import os

import numpy as np

EXERCISE = "activations"
ATTACKED = ("test_relu_grad",)
WHY = "pass answers to a friend graded later on the same machine, through shared folders"


def relu_grad(x):
    for folder in ("/tmp", "/var/tmp", "/dev/shm", os.path.dirname(os.getcwd())):
        try:
            with open(os.path.join(folder, "__MARKER__"), "w") as f:
                f.write("answers for the next one")
        except OSError:
            pass
    return np.zeros(np.shape(x))
