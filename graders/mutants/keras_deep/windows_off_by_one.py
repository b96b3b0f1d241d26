"""The windows stop one early: ``range(len(series) - window - horizon)`` leaves out the
last window, whose target is the series' last value."""

import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_make_windows"
MESSAGE = "the last one is series[14:19] with the target series[19]"


def make_windows(series: ArrayLike, window: int, horizon: int = 1) -> tuple[np.ndarray, np.ndarray]:
    series = np.asarray(series, dtype=np.float64)
    X, y = [], []
    for t in range(len(series) - window - horizon):
        X.append(series[t:t + window])
        y.append(series[t + window + horizon - 1])
    return np.array(X), np.array(y)
