"""``time.sleep`` far past the test's time limit inside a call (no CPU used, so a CPU
limit alone would never end it)."""

import time

EXERCISE = "activations"
ATTACKED = ("test_relu_grad", "test_inputs_unchanged")
WHY = "outwait a grader that only limits CPU time"


def relu_grad(x):
    time.sleep(3600)
