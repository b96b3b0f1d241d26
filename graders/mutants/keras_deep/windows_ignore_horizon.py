"""The target ignores ``horizon``: ``y[t] = series[t + window]``, right only for
``horizon=1``."""

import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_make_windows_horizon"
MESSAGE = "y ignores horizon"


def make_windows(series: ArrayLike, window: int, horizon: int = 1) -> tuple[np.ndarray, np.ndarray]:
    series = np.asarray(series, dtype=np.float64)
    n = len(series) - window - horizon + 1
    X = np.array([series[t:t + window] for t in range(n)])
    y = np.array([series[t + window] for t in range(n)])
    return X, y
