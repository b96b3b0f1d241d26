"""Entropy uses ``np.log`` (base e) and ignores the ``base`` argument, so a fair
coin gives 0.693 instead of 1 bit."""

import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_entropy_values"
MESSAGE = 'your function returned 0.693147; expected 1.'


def entropy(p: ArrayLike, base: float = 2) -> float:
    p = np.asarray(p, dtype=np.float64)
    nonzero = p[p > 0]
    return float(-np.sum(nonzero * np.log(nonzero)))
