"""``min_max_scale`` always scales to ``[0, 1]`` and ignores ``feature_range``."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_min_max_feature_range"
MESSAGE = "elements differ"


def min_max_scale(
    X: ArrayLike, mins: ArrayLike, maxs: ArrayLike, feature_range: tuple[float, float] = (0.0, 1.0)
) -> NDArray[np.float64]:
    mins = np.asarray(mins, dtype=np.float64)
    span = np.asarray(maxs, dtype=np.float64) - mins
    return (np.asarray(X, dtype=np.float64) - mins) / np.where(span == 0, 1.0, span)
