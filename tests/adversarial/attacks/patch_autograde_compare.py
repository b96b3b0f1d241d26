"""Imports autograde's comparison helpers and replaces them with ones that never fail,
at import; then returns wrong values."""

import sys

import numpy as np

EXERCISE = "activations"
ATTACKED = ("test_relu_grad",)
WHY = "disable the grader's own assert_close, in case it runs where the learner's code runs"

for name in ("autograde.compare", "autograde.compare.checks", "autograde.compare.close"):
    try:
        module = __import__(name, fromlist=["*"])
    except Exception:
        continue
    for attribute in ("assert_close", "check", "fail", "assert_unchanged", "assert_no_warnings"):
        if hasattr(module, attribute):
            setattr(module, attribute, lambda *a, **k: None)
    print("patched", name, file=sys.stderr)


def relu_grad(x):
    return np.full(np.shape(x), 0.5)
