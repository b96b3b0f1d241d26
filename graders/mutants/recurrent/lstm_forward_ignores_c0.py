"""The cell state starts from zeros (Keras' default) instead of the given ``c0``."""

import numpy as np

CAUGHT_BY = "test_lstm_forward"
MESSAGE = "starts from zero states"


def lstm_forward(xs, h0, c0, Wx, Wh, b):
    xs, h, Wx, Wh, b = _floats(xs, h0, Wx, Wh, b)
    c = np.zeros_like(h)
    hs = np.empty((xs.shape[0], xs.shape[1], Wh.shape[0]))
    for t in range(xs.shape[1]):
        h, c = lstm_step(xs[:, t], h, c, Wx, Wh, b)
        hs[:, t] = h
    return hs
