"""BPTT that does not carry the hidden gradient back: each step's ``dh`` is only
``dhs[:, t]``, the gradient that arrives from that step's output."""

import numpy as np

CAUGHT_BY = "test_rnn_backward"
MESSAGE = "does not carry the hidden gradient back"


def rnn_backward(dhs, xs, h0, Wx, Wh, b):
    dhs, xs, h0, Wx, Wh, b = _floats(dhs, xs, h0, Wx, Wh, b)
    hs = rnn_forward(xs, h0, Wx, Wh, b)
    dxs = np.empty_like(xs)
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)
    dh_prev = np.zeros_like(h0)
    for t in reversed(range(xs.shape[1])):
        h_prev = hs[:, t - 1] if t > 0 else h0
        dt = dhs[:, t] * (1.0 - hs[:, t] ** 2)
        dxs[:, t] = dt @ Wx.T
        dWx += xs[:, t].T @ dt
        dWh += h_prev.T @ dt
        db += dt.sum(axis=0)
        dh_prev = dt @ Wh.T
    return {"xs": dxs, "h0": dh_prev, "Wx": dWx, "Wh": dWh, "b": db}
