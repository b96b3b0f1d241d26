"""Style: plain Python loops, one sample and one time step at a time, with 1-D vectors
(``x @ Wx`` of a ``(D,)`` row); the embedding's backward adds one row per occurrence;
the sigmoid is ``1 / (1 + exp(-x))``; the global norm is a running sum over every
element."""

import math

import numpy as np


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def embedding_forward(ids, W):
    ids = np.asarray(ids)
    W = np.asarray(W, dtype=np.float64)
    out = np.zeros(ids.shape + (W.shape[1],))
    for index in np.ndindex(ids.shape):
        out[index] = W[ids[index]]
    return out


def embedding_backward(dout, ids, vocab_size):
    ids = np.asarray(ids)
    dout = np.asarray(dout, dtype=np.float64)
    dW = np.zeros((vocab_size, dout.shape[-1]))
    for index in np.ndindex(ids.shape):
        dW[ids[index]] += dout[index]
    return dW


def rnn_step(x, h_prev, Wx, Wh, b):
    x, h_prev = np.asarray(x, dtype=np.float64), np.asarray(h_prev, dtype=np.float64)
    h = np.zeros((x.shape[0], np.shape(Wh)[1]))
    for n in range(x.shape[0]):
        h[n] = np.tanh(x[n] @ Wx + h_prev[n] @ Wh + b)
    return h


def rnn_forward(xs, h0, Wx, Wh, b):
    xs = np.asarray(xs, dtype=np.float64)
    N, T = xs.shape[0], xs.shape[1]
    hs = np.zeros((N, T, np.shape(Wh)[0]))
    for n in range(N):
        h = np.array(h0[n], dtype=np.float64)
        for t in range(T):
            h = np.tanh(xs[n, t] @ Wx + h @ Wh + b)
            hs[n, t] = h
    return hs


def rnn_backward(dhs, xs, h0, Wx, Wh, b):
    xs, h0, Wx, Wh = (np.asarray(a, dtype=np.float64) for a in (xs, h0, Wx, Wh))
    dhs = np.asarray(dhs, dtype=np.float64)
    hs = rnn_forward(xs, h0, Wx, Wh, b)
    N, T = xs.shape[0], xs.shape[1]
    grads = {"xs": np.zeros_like(xs), "h0": np.zeros_like(h0), "Wx": np.zeros_like(Wx),
             "Wh": np.zeros_like(Wh), "b": np.zeros(Wh.shape[0])}
    for n in range(N):
        dh_next = np.zeros(Wh.shape[0])
        for t in range(T - 1, -1, -1):
            h_prev = hs[n, t - 1] if t > 0 else h0[n]
            dt = (dhs[n, t] + dh_next) * (1 - hs[n, t] ** 2)
            grads["xs"][n, t] = Wx @ dt
            grads["Wx"] += np.outer(xs[n, t], dt)
            grads["Wh"] += np.outer(h_prev, dt)
            grads["b"] += dt
            dh_next = Wh @ dt
        grads["h0"][n] = dh_next
    return grads


def lstm_step(x, h_prev, c_prev, Wx, Wh, b):
    x, h_prev, c_prev = (np.asarray(a, dtype=np.float64) for a in (x, h_prev, c_prev))
    Hn = h_prev.shape[1]
    h, c = np.zeros_like(h_prev), np.zeros_like(c_prev)
    for n in range(x.shape[0]):
        z = x[n] @ Wx + h_prev[n] @ Wh + b
        i = _sigmoid(z[0:Hn])
        f = _sigmoid(z[Hn:2 * Hn])
        g = np.tanh(z[2 * Hn:3 * Hn])
        o = _sigmoid(z[3 * Hn:4 * Hn])
        c[n] = f * c_prev[n] + i * g
        h[n] = o * np.tanh(c[n])
    return h, c


def lstm_forward(xs, h0, c0, Wx, Wh, b):
    xs = np.asarray(xs, dtype=np.float64)
    hs = np.zeros((xs.shape[0], xs.shape[1], np.shape(h0)[1]))
    h, c = h0, c0
    for t in range(xs.shape[1]):
        h, c = lstm_step(xs[:, t], h, c, Wx, Wh, b)
        hs[:, t] = h
    return hs


def clip_grads(grads, max_norm):
    total = 0.0
    for g in grads.values():
        for value in np.asarray(g, dtype=np.float64).ravel():
            total += value * value
    norm = math.sqrt(total)
    clipped = {}
    for key, g in grads.items():
        g = np.array(g, dtype=np.float64)
        if norm > max_norm:
            g = g * (max_norm / norm)
        clipped[key] = g
    return clipped, norm
