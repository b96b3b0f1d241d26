"""The LSTM slices ``z`` as the textbook 밑바닥부터 시작하는 딥러닝 2 does, ``f, g, i, o``,
not in Keras' order ``i, f, g, o``: with Keras' weights that is another network."""

import numpy as np

CAUGHT_BY = "test_lstm_step_gate_order"
MESSAGE = "in the order f, g, i, o, the textbook's"


def lstm_step(x, h_prev, c_prev, Wx, Wh, b):
    x, h_prev, c_prev, Wx, Wh, b = _floats(x, h_prev, c_prev, Wx, Wh, b)
    H = Wh.shape[0]
    A = x @ Wx + h_prev @ Wh + b
    f = _sigmoid(A[:, :H])
    g = np.tanh(A[:, H:2 * H])
    i = _sigmoid(A[:, 2 * H:3 * H])
    o = _sigmoid(A[:, 3 * H:])
    c = f * c_prev + g * i
    return o * np.tanh(c), c
