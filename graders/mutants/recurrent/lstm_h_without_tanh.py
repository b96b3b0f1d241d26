"""The hidden state is ``o * c``: the cell state is not squashed by tanh before the
output gate."""

import numpy as np

CAUGHT_BY = "test_lstm_step"
MESSAGE = "Your h is o * c"


def lstm_step(x, h_prev, c_prev, Wx, Wh, b):
    x, h_prev, c_prev, Wx, Wh, b = _floats(x, h_prev, c_prev, Wx, Wh, b)
    H = Wh.shape[0]
    z = x @ Wx + h_prev @ Wh + b
    i, f = _sigmoid(z[:, :H]), _sigmoid(z[:, H:2 * H])
    g, o = np.tanh(z[:, 2 * H:3 * H]), _sigmoid(z[:, 3 * H:])
    c = f * c_prev + i * g
    return o * c, c
