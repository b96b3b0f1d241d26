"""``os._exit(0)`` at import: the process ends without unwinding, so no handler of the
grader's (were it in this process) could report anything."""

import os

EXERCISE = "activations"
ATTACKED = "*"
WHY = "end the process with status 0 before any test runs, as pytest-in-one-process would report no failure"

os._exit(0)
