"""``min_max_scale`` clips its result to ``[lo, hi]``, so test values beyond the
training range are squashed onto the edges."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_min_max_train_statistics_on_test"
MESSAGE = "Do not clip"


def min_max_scale(
    X: ArrayLike, mins: ArrayLike, maxs: ArrayLike, feature_range: tuple[float, float] = (0.0, 1.0)
) -> NDArray[np.float64]:
    lo, hi = feature_range
    mins = np.asarray(mins, dtype=np.float64)
    span = np.asarray(maxs, dtype=np.float64) - mins
    scaled = lo + (np.asarray(X, dtype=np.float64) - mins) / np.where(span == 0, 1.0, span) * (hi - lo)
    return np.clip(scaled, lo, hi)
