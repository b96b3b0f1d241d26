"""``dh = dhs[:, t]`` is a view, and ``dh += dh_next`` then adds into the caller's
``dhs``: the gradients are right, the argument is changed."""

import numpy as np

CAUGHT_BY = "test_inputs_unchanged"
MESSAGE = "changed its input (argument 1)"


def rnn_backward(dhs, xs, h0, Wx, Wh, b):
    xs, h0, Wx, Wh, b = _floats(xs, h0, Wx, Wh, b)
    hs = rnn_forward(xs, h0, Wx, Wh, b)
    dxs = np.empty_like(xs)
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)
    dh_next = np.zeros_like(h0)
    for t in reversed(range(xs.shape[1])):
        h_prev = hs[:, t - 1] if t > 0 else h0
        dh = dhs[:, t]
        dh += dh_next
        dt = dh * (1.0 - hs[:, t] ** 2)
        dxs[:, t] = dt @ Wx.T
        dWx += xs[:, t].T @ dt
        dWh += h_prev.T @ dt
        db += dt.sum(axis=0)
        dh_next = dt @ Wh.T
    return {"xs": dxs, "h0": dh_next, "Wx": dWx, "Wh": dWh, "b": db}
