"""``min_max_scale`` divides by ``maxs`` instead of the span ``maxs - mins``."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_min_max_scale_values"
MESSAGE = "elements differ"


def min_max_scale(
    X: ArrayLike, mins: ArrayLike, maxs: ArrayLike, feature_range: tuple[float, float] = (0.0, 1.0)
) -> NDArray[np.float64]:
    lo, hi = feature_range
    return lo + (np.asarray(X, dtype=np.float64) - mins) / np.asarray(maxs, dtype=np.float64) * (hi - lo)
