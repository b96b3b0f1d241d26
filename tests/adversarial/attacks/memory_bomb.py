"""Tries to lift its memory limit, then allocates and touches memory until something
gives (at most 6 GiB, so a broken sandbox does not take a test machine down)."""

import resource

import numpy as np

EXERCISE = "activations"
ATTACKED = ("test_relu_grad", "test_inputs_unchanged")
WHY = "exhaust the grading machine's memory and get the grader (or others) killed instead"


def relu_grad(x):
    try:
        resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    except (ValueError, OSError):
        pass
    hoard = []
    for _ in range(24):
        hoard.append(np.ones(32 << 20))  # 256 MiB, touched
    return np.zeros(np.shape(x))
