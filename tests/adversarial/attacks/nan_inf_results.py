"""Returns NaN everywhere from one derivative and infinities from another, hoping that
comparisons with NaN or inf come out true (or are skipped)."""

import numpy as np

EXERCISE = "activations"
ATTACKED = ("test_relu_grad", "test_leaky_relu_grad")
WHY = "slip through a tolerance check written as `not (abs(a - b) > tol)`"


def relu_grad(x):
    return np.full(np.shape(x), np.nan)


def leaky_relu_grad(x, alpha=0.01):
    return np.full(np.shape(x), np.inf)
