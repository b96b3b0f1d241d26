"""Style: the embedding as one-hot rows times ``W`` (``np.eye(V)[ids] @ W``) and its
backward as ``one_hot.T @ dout``; every product an ``np.einsum``; BPTT keeps each step's
``dt`` and computes ``dxs``, ``dWx``, ``dWh`` and ``db`` afterwards in one einsum over all
the steps; the gates by ``np.split``; the sigmoid as ``(1 + tanh(x / 2)) / 2``; the norm
by ``np.linalg.norm`` of all the arrays concatenated."""

import numpy as np


def _one_hot(ids, vocab_size):
    return np.eye(vocab_size)[np.asarray(ids)]


def _sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def embedding_forward(ids, W):
    W = np.asarray(W, dtype=np.float64)
    return np.einsum("...v,vd->...d", _one_hot(ids, W.shape[0]), W)


def embedding_backward(dout, ids, vocab_size):
    dout = np.asarray(dout, dtype=np.float64)
    one_hot = _one_hot(ids, vocab_size).reshape(-1, vocab_size)
    return one_hot.T @ dout.reshape(-1, dout.shape[-1])


def rnn_step(x, h_prev, Wx, Wh, b):
    return np.tanh(np.einsum("nd,dh->nh", x, Wx) + np.einsum("nk,kh->nh", h_prev, Wh) + b)


def rnn_forward(xs, h0, Wx, Wh, b):
    xs = np.asarray(xs, dtype=np.float64)
    states = [np.asarray(h0, dtype=np.float64)]
    for t in range(xs.shape[1]):
        states.append(rnn_step(xs[:, t], states[-1], Wx, Wh, b))
    return np.stack(states[1:], axis=1)


def rnn_backward(dhs, xs, h0, Wx, Wh, b):
    xs, h0, Wx, Wh, dhs = (np.asarray(a, dtype=np.float64) for a in (xs, h0, Wx, Wh, dhs))
    hs = rnn_forward(xs, h0, Wx, Wh, b)
    prev = np.concatenate([h0[:, None, :], hs[:, :-1]], axis=1)   # the state entering each step
    dts = np.zeros_like(hs)
    carried = np.zeros_like(h0)
    for t in reversed(range(xs.shape[1])):
        dts[:, t] = (dhs[:, t] + carried) * (1.0 - hs[:, t] ** 2)
        carried = np.einsum("nh,kh->nk", dts[:, t], Wh)
    return {
        "xs": np.einsum("nth,dh->ntd", dts, Wx),
        "h0": carried,
        "Wx": np.einsum("ntd,nth->dh", xs, dts),
        "Wh": np.einsum("ntk,nth->kh", prev, dts),
        "b": np.einsum("nth->h", dts),
    }


def lstm_step(x, h_prev, c_prev, Wx, Wh, b):
    z = np.einsum("nd,dg->ng", x, Wx) + np.einsum("nk,kg->ng", h_prev, Wh) + b
    i, f, g, o = np.split(z, 4, axis=-1)
    c = _sigmoid(f) * c_prev + _sigmoid(i) * np.tanh(g)
    return _sigmoid(o) * np.tanh(c), c


def lstm_forward(xs, h0, c0, Wx, Wh, b):
    xs = np.asarray(xs, dtype=np.float64)
    h, c, hs = np.asarray(h0, dtype=np.float64), np.asarray(c0, dtype=np.float64), []
    for t in range(xs.shape[1]):
        h, c = lstm_step(xs[:, t], h, c, Wx, Wh, b)
        hs.append(h)
    return np.stack(hs, axis=1)


def clip_grads(grads, max_norm):
    norm = float(np.linalg.norm(np.concatenate([np.ravel(g) for g in grads.values()])))
    factor = min(1.0, max_norm / norm) if norm > 0 else 1.0
    return {key: np.asarray(g, dtype=np.float64) * factor for key, g in grads.items()}, norm
