"""The step is written with a Python ``if``, which works for one number but
raises "truth value of an array is ambiguous" for an array."""

from typing import Any

CAUGHT_BY = "test_step_values"
MESSAGE = 'your code raised ValueError'


def step(x: Any) -> int:
    if x > 0:
        return 1
    return 0
