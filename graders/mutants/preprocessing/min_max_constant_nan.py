"""``min_max_scale`` divides by ``maxs - mins`` with no guard, so a constant feature
(span 0) becomes ``nan``."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_min_max_scale_values"
MESSAGE = "Your result contains nan: a constant feature has maxs - mins == 0"


def min_max_scale(
    X: ArrayLike, mins: ArrayLike, maxs: ArrayLike, feature_range: tuple[float, float] = (0.0, 1.0)
) -> NDArray[np.float64]:
    lo, hi = feature_range
    mins, maxs = np.asarray(mins, dtype=np.float64), np.asarray(maxs, dtype=np.float64)
    return lo + (np.asarray(X, dtype=np.float64) - mins) / (maxs - mins) * (hi - lo)
