"""Style: the textbook 밑바닥부터 시작하는 딥러닝 2 (ch. 5-6), in its spirit: layer
classes with ``params`` and ``grads`` lists and a ``cache``; a ``TimeRNN`` that keeps its
``RNN`` layers in a list and runs their ``backward(dhs[:, t, :] + dh)``; an ``Embedding``
whose backward adds one row per occurrence in a loop; an ``LSTM`` class (its slices in
Keras' order i, f, g, o, as the contract asks, not the book's f, g, i, o); and the book's
``clip_grads`` with ``rate = max_norm / (total_norm + 1e-6)``, on copies."""

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


class Embedding:
    def __init__(self, W):
        self.params = [W]
        self.grads = [np.zeros_like(W)]
        self.idx = None

    def forward(self, idx):
        W, = self.params
        self.idx = idx
        return W[idx]

    def backward(self, dout):
        dW, = self.grads
        dW[...] = 0
        for i, word_id in enumerate(self.idx.reshape(-1)):
            dW[word_id] += dout.reshape(-1, dW.shape[1])[i]
        return None


class RNN:
    def __init__(self, Wx, Wh, b):
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.cache = None

    def forward(self, x, h_prev):
        Wx, Wh, b = self.params
        t = np.dot(h_prev, Wh) + np.dot(x, Wx) + b
        h_next = np.tanh(t)
        self.cache = (x, h_prev, h_next)
        return h_next

    def backward(self, dh_next):
        Wx, Wh, b = self.params
        x, h_prev, h_next = self.cache
        dt = dh_next * (1 - h_next ** 2)
        db = np.sum(dt, axis=0)
        dWh = np.dot(h_prev.T, dt)
        dh_prev = np.dot(dt, Wh.T)
        dWx = np.dot(x.T, dt)
        dx = np.dot(dt, Wx.T)
        self.grads[0][...] = dWx
        self.grads[1][...] = dWh
        self.grads[2][...] = db
        return dx, dh_prev


class TimeRNN:
    def __init__(self, Wx, Wh, b):
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.layers = None
        self.h, self.dh = None, None

    def forward(self, xs, h0):
        Wx, Wh, b = self.params
        N, T, D = xs.shape
        D, H = Wx.shape
        self.layers = []
        hs = np.empty((N, T, H), dtype="f8")
        self.h = h0
        for t in range(T):
            layer = RNN(*self.params)
            self.h = layer.forward(xs[:, t, :], self.h)
            hs[:, t, :] = self.h
            self.layers.append(layer)
        return hs

    def backward(self, dhs):
        Wx, Wh, b = self.params
        N, T, H = dhs.shape
        D, H = Wx.shape
        dxs = np.empty((N, T, D), dtype="f8")
        dh = 0
        grads = [0, 0, 0]
        for t in reversed(range(T)):
            layer = self.layers[t]
            dx, dh = layer.backward(dhs[:, t, :] + dh)
            dxs[:, t, :] = dx
            for i, grad in enumerate(layer.grads):
                grads[i] += grad
        for i, grad in enumerate(grads):
            self.grads[i][...] = grad
        self.dh = dh
        return dxs


class LSTM:
    def __init__(self, Wx, Wh, b):
        self.params = [Wx, Wh, b]
        self.cache = None

    def forward(self, x, h_prev, c_prev):
        Wx, Wh, b = self.params
        N, H = h_prev.shape
        A = np.dot(x, Wx) + np.dot(h_prev, Wh) + b
        i = A[:, :H]          # Keras' order, i, f, g, o (the book slices f, g, i, o)
        f = A[:, H:2 * H]
        g = A[:, 2 * H:3 * H]
        o = A[:, 3 * H:]
        i, f, g, o = sigmoid(i), sigmoid(f), np.tanh(g), sigmoid(o)
        c_next = f * c_prev + g * i
        h_next = o * np.tanh(c_next)
        self.cache = (x, h_prev, c_prev, i, f, g, o, c_next)
        return h_next, c_next


def _f8(*arrays):
    return [np.array(a, dtype="f8") for a in arrays]


def embedding_forward(ids, W):
    W, = _f8(W)
    return Embedding(W).forward(np.asarray(ids))


def embedding_backward(dout, ids, vocab_size):
    dout, = _f8(dout)
    layer = Embedding(np.zeros((vocab_size, dout.shape[-1])))
    layer.idx = np.asarray(ids)
    layer.backward(dout)
    return layer.grads[0]


def rnn_step(x, h_prev, Wx, Wh, b):
    return RNN(*_f8(Wx, Wh, b)).forward(*_f8(x, h_prev))


def rnn_forward(xs, h0, Wx, Wh, b):
    return TimeRNN(*_f8(Wx, Wh, b)).forward(*_f8(xs, h0))


def rnn_backward(dhs, xs, h0, Wx, Wh, b):
    layer = TimeRNN(*_f8(Wx, Wh, b))
    layer.forward(*_f8(xs, h0))
    dxs = layer.backward(*_f8(dhs))
    dWx, dWh, db = layer.grads
    return {"xs": dxs, "h0": layer.dh, "Wx": dWx, "Wh": dWh, "b": db}


def lstm_step(x, h_prev, c_prev, Wx, Wh, b):
    return LSTM(*_f8(Wx, Wh, b)).forward(*_f8(x, h_prev, c_prev))


def lstm_forward(xs, h0, c0, Wx, Wh, b):
    xs, h, c = _f8(xs, h0, c0)
    layer = LSTM(*_f8(Wx, Wh, b))
    hs = np.empty((xs.shape[0], xs.shape[1], h.shape[1]), dtype="f8")
    for t in range(xs.shape[1]):
        h, c = layer.forward(xs[:, t, :], h, c)
        hs[:, t, :] = h
    return hs


def clip_grads(grads, max_norm):
    grads = {key: np.array(grad, dtype="f8") for key, grad in grads.items()}  # copies: grads stays as it was
    total_norm = 0
    for grad in grads.values():
        total_norm += np.sum(grad ** 2)
    total_norm = np.sqrt(total_norm)
    rate = max_norm / (total_norm + 1e-6)
    if rate < 1:
        for grad in grads.values():
            grad *= rate
    return grads, total_norm
