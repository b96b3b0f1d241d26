"""The cell state is not passed on: every step starts from ``c0`` again, so the LSTM
has no memory but ``h``."""

import numpy as np

CAUGHT_BY = "test_lstm_forward"
MESSAGE = "cell state is reset at every step"


def lstm_forward(xs, h0, c0, Wx, Wh, b):
    xs, h, c0, Wx, Wh, b = _floats(xs, h0, c0, Wx, Wh, b)
    hs = np.empty((xs.shape[0], xs.shape[1], Wh.shape[0]))
    for t in range(xs.shape[1]):
        h, _ = lstm_step(xs[:, t], h, c0, Wx, Wh, b)
        hs[:, t] = h
    return hs
