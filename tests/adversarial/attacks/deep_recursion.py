"""Unbounded recursion with the recursion limit lifted: the C stack overflows."""

import sys

EXERCISE = "activations"
ATTACKED = ("test_relu_grad", "test_inputs_unchanged")
WHY = "crash the interpreter with a stack overflow instead of a RecursionError"


def _down(n):
    return _down(n + 1) + 1


def relu_grad(x):
    sys.setrecursionlimit(10**8)
    return _down(0)
