"""Entropy computes ``p * log(p)`` for every element, zeros included, so a zero
probability gives ``0 * -inf = nan`` and a "divide by zero" warning."""

import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_entropy_zero_probability"
MESSAGE = '(the result is not a finite number)'


def entropy(p: ArrayLike, base: float = 2) -> float:
    p = np.asarray(p, dtype=np.float64)
    return float(-np.sum(p * np.log(p)) / np.log(base))
