"""The step returns its two states in the order ``(c, h)`` instead of ``(h, c)``."""

import numpy as np

CAUGHT_BY = "test_lstm_step"
MESSAGE = "returned (c, h)"


def lstm_step(x, h_prev, c_prev, Wx, Wh, b):
    x, h_prev, c_prev, Wx, Wh, b = _floats(x, h_prev, c_prev, Wx, Wh, b)
    H = Wh.shape[0]
    z = x @ Wx + h_prev @ Wh + b
    i, f = _sigmoid(z[:, :H]), _sigmoid(z[:, H:2 * H])
    g, o = np.tanh(z[:, 2 * H:3 * H]), _sigmoid(z[:, 3 * H:])
    c = f * c_prev + i * g
    return c, o * np.tanh(c)


def lstm_forward(xs, h0, c0, Wx, Wh, b):
    xs, h, c, Wx, Wh, b = _floats(xs, h0, c0, Wx, Wh, b)
    hs = np.empty((xs.shape[0], xs.shape[1], Wh.shape[0]))
    for t in range(xs.shape[1]):
        c, h = lstm_step(xs[:, t], h, c, Wx, Wh, b)
        hs[:, t] = h
    return hs
