"""The windows are built as a list of rows: when there is none, ``np.array([])`` has shape
``(0,)``, not ``(0, window)``."""

import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_make_windows_short_series"
MESSAGE = "no window has a target"
HIDDEN = True


def make_windows(series: ArrayLike, window: int, horizon: int = 1) -> tuple[np.ndarray, np.ndarray]:
    series = np.asarray(series, dtype=np.float64)
    n = len(series) - window - horizon + 1
    X = np.array([series[t:t + window] for t in range(n)])
    y = np.array([series[t + window + horizon - 1] for t in range(n)])
    return X, y
