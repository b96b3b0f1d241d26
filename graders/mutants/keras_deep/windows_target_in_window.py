"""The target is the window's own last value, ``y[t] = series[t + window + horizon - 2]``:
one step too early, a "forecast" that copies its input."""

import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_make_windows"
MESSAGE = "y[t] is one step too early"


def make_windows(series: ArrayLike, window: int, horizon: int = 1) -> tuple[np.ndarray, np.ndarray]:
    series = np.asarray(series, dtype=np.float64)
    n = len(series) - window - horizon + 1
    X = np.array([series[t:t + window] for t in range(n)])
    y = np.array([series[t + window + horizon - 2] for t in range(n)])
    return X, y
