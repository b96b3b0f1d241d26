"""The step fires at exactly zero: it uses ``x >= 0`` where the rule is ``x > 0``,
so ``step(0.0)`` returns 1 instead of 0."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_step_values"
MESSAGE = 'First difference at index (0,): expected 0, got 1'


def step(x: ArrayLike) -> NDArray[np.int64]:
    return (np.asarray(x) >= 0).astype(np.int64)
