"""The first step starts from zeros (the usual initial state) instead of the given ``h0``."""

import numpy as np

CAUGHT_BY = "test_rnn_forward"
MESSAGE = "starts from zeros"


def rnn_forward(xs, h0, Wx, Wh, b):
    xs = np.asarray(xs, dtype=np.float64)
    h = np.zeros((xs.shape[0], np.shape(Wh)[0]))
    hs = np.empty((xs.shape[0], xs.shape[1], h.shape[1]))
    for t in range(xs.shape[1]):
        h = rnn_step(xs[:, t], h, Wx, Wh, b)
        hs[:, t] = h
    return hs
