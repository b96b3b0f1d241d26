"""Only the last hidden state ``(N, H)`` is returned (Keras' default
``return_sequences=False``) instead of every state ``(N, T, H)``."""

import numpy as np

CAUGHT_BY = "test_rnn_forward"
MESSAGE = "returned only the last hidden state"


def rnn_forward(xs, h0, Wx, Wh, b):
    xs = np.asarray(xs, dtype=np.float64)
    h = np.asarray(h0, dtype=np.float64)
    for t in range(xs.shape[1]):
        h = rnn_step(xs[:, t], h, Wx, Wh, b)
    return h
