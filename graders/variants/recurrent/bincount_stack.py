"""Style: the embedding's backward by ``np.bincount`` with weights, one column at a time;
the states collected in lists and stacked; BPTT over time-major arrays
(``np.swapaxes``, ``xs_t[t]``); the gates read with ``np.hsplit``; clipping with a
generator of ``np.vdot`` products and ``math.sqrt``."""

import math

import numpy as np


def embedding_forward(ids, W):
    return np.take(np.asarray(W, dtype=np.float64), np.asarray(ids), axis=0)


def embedding_backward(dout, ids, vocab_size):
    dout = np.asarray(dout, dtype=np.float64)
    flat_ids = np.asarray(ids).ravel()
    rows = dout.reshape(flat_ids.size, -1)
    columns = [np.bincount(flat_ids, weights=rows[:, j], minlength=vocab_size) for j in range(rows.shape[1])]
    return np.stack(columns, axis=1) if columns else np.zeros((vocab_size, 0))


def rnn_step(x, h_prev, Wx, Wh, b):
    return np.tanh(np.dot(x, Wx) + np.dot(h_prev, Wh) + b)


def rnn_forward(xs, h0, Wx, Wh, b):
    xs_t = np.swapaxes(np.asarray(xs, dtype=np.float64), 0, 1)   # (T, N, D)
    h, hs = np.asarray(h0, dtype=np.float64), []
    for x in xs_t:
        h = rnn_step(x, h, Wx, Wh, b)
        hs.append(h)
    return np.stack(hs, axis=1)


def rnn_backward(dhs, xs, h0, Wx, Wh, b):
    xs_t = np.swapaxes(np.asarray(xs, dtype=np.float64), 0, 1)
    dhs_t = np.swapaxes(np.asarray(dhs, dtype=np.float64), 0, 1)
    hs_t = np.swapaxes(rnn_forward(xs, h0, Wx, Wh, b), 0, 1)
    h0, Wx, Wh = (np.asarray(a, dtype=np.float64) for a in (h0, Wx, Wh))
    dxs, dWx, dWh, db = [], 0.0, 0.0, 0.0
    dh = np.zeros_like(h0)
    for t in range(len(xs_t) - 1, -1, -1):
        dt = (dhs_t[t] + dh) * (1 - np.square(hs_t[t]))
        prev = hs_t[t - 1] if t else h0
        dxs.append(dt.dot(Wx.T))
        dWx = dWx + xs_t[t].T.dot(dt)
        dWh = dWh + prev.T.dot(dt)
        db = db + dt.sum(axis=0)
        dh = dt.dot(Wh.T)
    return {"xs": np.stack(dxs[::-1], axis=1), "h0": dh, "Wx": dWx + np.zeros_like(Wx),
            "Wh": dWh + np.zeros_like(Wh), "b": db + np.zeros(Wh.shape[0])}


def lstm_step(x, h_prev, c_prev, Wx, Wh, b):
    i, f, g, o = np.hsplit(np.dot(x, Wx) + np.dot(h_prev, Wh) + b, 4)
    sig = lambda v: np.exp(-np.logaddexp(0.0, -v))
    c = sig(f) * np.asarray(c_prev, dtype=np.float64) + sig(i) * np.tanh(g)
    return sig(o) * np.tanh(c), c


def lstm_forward(xs, h0, c0, Wx, Wh, b):
    h, c, hs = h0, c0, []
    for x in np.swapaxes(np.asarray(xs, dtype=np.float64), 0, 1):
        h, c = lstm_step(x, h, c, Wx, Wh, b)
        hs.append(h)
    return np.stack(hs, axis=1)


def clip_grads(grads, max_norm):
    norm = math.sqrt(sum(float(np.vdot(g, g)) for g in map(np.asarray, grads.values())))
    scale = max_norm / norm if norm > max_norm else 1.0
    return {key: np.multiply(g, scale, dtype=np.float64) for key, g in grads.items()}, norm
