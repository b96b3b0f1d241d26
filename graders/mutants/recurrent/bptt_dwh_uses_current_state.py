"""``dWh`` pairs each step's ``dt`` with that step's own output ``hs[:, t]`` instead of
the state that went into the step, ``hs[:, t - 1]`` (``h0`` at ``t = 0``)."""

import numpy as np

CAUGHT_BY = "test_rnn_backward"
MESSAGE = "that step's own output hs[:, t]"


def rnn_backward(dhs, xs, h0, Wx, Wh, b):
    dhs, xs, h0, Wx, Wh, b = _floats(dhs, xs, h0, Wx, Wh, b)
    hs = rnn_forward(xs, h0, Wx, Wh, b)
    dxs = np.empty_like(xs)
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)
    dh_next = np.zeros_like(h0)
    for t in reversed(range(xs.shape[1])):
        dt = (dhs[:, t] + dh_next) * (1.0 - hs[:, t] ** 2)
        dxs[:, t] = dt @ Wx.T
        dWx += xs[:, t].T @ dt
        dWh += hs[:, t].T @ dt
        db += dt.sum(axis=0)
        dh_next = dt @ Wh.T
    return {"xs": dxs, "h0": dh_next, "Wx": dWx, "Wh": dWh, "b": db}
