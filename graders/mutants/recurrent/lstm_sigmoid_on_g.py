"""All four blocks go through sigmoid, the cell candidate ``g`` too, instead of tanh for
``g``."""

import numpy as np

CAUGHT_BY = "test_lstm_step"
MESSAGE = "g went through sigmoid"


def lstm_step(x, h_prev, c_prev, Wx, Wh, b):
    x, h_prev, c_prev, Wx, Wh, b = _floats(x, h_prev, c_prev, Wx, Wh, b)
    H = Wh.shape[0]
    gates = _sigmoid(x @ Wx + h_prev @ Wh + b)
    i, f, g, o = gates[:, :H], gates[:, H:2 * H], gates[:, 2 * H:3 * H], gates[:, 3 * H:]
    c = f * c_prev + i * g
    return o * np.tanh(c), c
