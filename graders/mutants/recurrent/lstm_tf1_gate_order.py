"""The LSTM reads the blocks in TensorFlow 1's ``LSTMCell`` order ``i, g (j), f, o``
instead of Keras' ``i, f, g, o``."""

import numpy as np

CAUGHT_BY = "test_lstm_step_gate_order"
MESSAGE = "the order of TensorFlow 1's LSTMCell"


def lstm_step(x, h_prev, c_prev, Wx, Wh, b):
    x, h_prev, c_prev, Wx, Wh, b = _floats(x, h_prev, c_prev, Wx, Wh, b)
    i, j, f, o = np.split(x @ Wx + h_prev @ Wh + b, 4, axis=-1)
    c = _sigmoid(f) * c_prev + _sigmoid(i) * np.tanh(j)
    return _sigmoid(o) * np.tanh(c), c
