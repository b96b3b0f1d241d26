"""The step fires at exactly zero: it uses ``x >= 0`` where the rule is ``x > 0``,
so ``step(0.0)`` returns 1 instead of 0."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_step_values"
MESSAGE = 'At the 5 indices that differ, (0,), (4,), (8,), (12,), (16,):\n  expected: array([0, 0, 0, 0, 0])\n  got:      array([1, 1, 1, 1, 1])'


def step(x: ArrayLike) -> NDArray[np.int64]:
    return (np.asarray(x) >= 0).astype(np.int64)
