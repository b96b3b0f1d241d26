"""The windows come back with the LSTM's feature axis, ``(n, window, 1)``, instead of the
contract's ``(n, window)``."""

import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_make_windows"
MESSAGE = "X has shape (n, window)"


def make_windows(series: ArrayLike, window: int, horizon: int = 1) -> tuple[np.ndarray, np.ndarray]:
    series = np.asarray(series, dtype=np.float64)
    n = len(series) - window - horizon + 1
    X = np.lib.stride_tricks.sliding_window_view(series, window)[:n]
    return X[..., None].copy(), series[window + horizon - 1:].copy()
