"""Style: the Korean textbook "밑바닥부터 시작하는 딥러닝" (Deep Learning from Scratch), ch. 5.

Layer classes with ``forward``/``backward`` (``Affine``, ``Relu``, ``Sigmoid``,
``SoftmaxWithLoss``) chained in an ``OrderedDict``; the loss is the book's
``cross_entropy_error`` with ``log(y + 1e-7)``; the numerical gradient is the book's
``numerical_gradient(f, x)``, which walks ``np.nditer`` with ``multi_index`` and
changes the caller's arrays in place, putting each saved value back. Weights are
``weight_scale * rng.standard_normal(...)``; training updates its own arrays in
place with ``-=``.
"""

from collections import OrderedDict

import numpy as np


def init_params(input_size, hidden_size, output_size, weight_scale=0.01, seed=0):
    rng = np.random.default_rng(seed)
    params = {}
    params["W1"] = weight_scale * rng.standard_normal((input_size, hidden_size))
    params["b1"] = np.zeros(hidden_size)
    params["W2"] = weight_scale * rng.standard_normal((hidden_size, output_size))
    params["b2"] = np.zeros(output_size)
    return params


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)


def cross_entropy_error(y, t):
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b
        self.x = None

    def forward(self, x):
        self.x = x
        return np.dot(x, self.W) + self.b

    def backward(self, dout):
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return np.dot(dout, self.W.T)


class Relu:
    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout = dout.copy()
        dout[self.mask] = 0
        return dout


class Sigmoid:
    def forward(self, x):
        self.out = np.where(x >= 0, 1 / (1 + np.exp(-np.abs(x))), np.exp(-np.abs(x)) / (1 + np.exp(-np.abs(x))))
        return self.out

    def backward(self, dout):
        return dout * (1.0 - self.out) * self.out


class SoftmaxWithLoss:
    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        return cross_entropy_error(self.y, t)

    def backward(self, dout=1):
        batch_size = self.t.shape[0]
        dx = self.y.copy()
        dx[np.arange(batch_size), self.t] -= 1
        return dx * dout / batch_size


class TwoLayerNet:
    def __init__(self, params, activation="relu"):
        if activation == "relu":
            hidden = Relu()
        elif activation == "sigmoid":
            hidden = Sigmoid()
        else:
            raise ValueError("activation must be 'relu' or 'sigmoid'")
        self.params = params
        self.layers = OrderedDict()
        self.layers["Affine1"] = Affine(params["W1"], params["b1"])
        self.layers["Activation"] = hidden
        self.layers["Affine2"] = Affine(params["W2"], params["b2"])
        self.last_layer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        return self.last_layer.forward(self.predict(x), t)

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.last_layer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        grads = {}
        grads["W1"], grads["b1"] = self.layers["Affine1"].dW, self.layers["Affine1"].db
        grads["W2"], grads["b2"] = self.layers["Affine2"].dW, self.layers["Affine2"].db
        return grads


def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        idx = it.multi_index
        tmp_val = x[idx]
        x[idx] = float(tmp_val) + h
        fxh1 = f(x)
        x[idx] = tmp_val - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp_val
        it.iternext()
    return grad


def forward(params, X, activation="relu"):
    return softmax(TwoLayerNet(params, activation).predict(np.asarray(X, dtype=float)))


def loss(params, X, y, activation="relu"):
    return TwoLayerNet(params, activation).loss(np.asarray(X, dtype=float), np.asarray(y))


def gradients(params, X, y, activation="relu"):
    return TwoLayerNet(params, activation).gradient(np.asarray(X, dtype=float), np.asarray(y))


def numerical_gradients(params, X, y, activation="relu", h=1e-4):
    net = TwoLayerNet(params, activation)
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    loss_W = lambda W: net.loss(X, y)  # noqa: E731  (the book's style)
    return {key: numerical_gradient(loss_W, params[key], h) for key in ("W1", "b1", "W2", "b2")}


def predict(params, X, activation="relu"):
    return np.argmax(TwoLayerNet(params, activation).predict(np.asarray(X, dtype=float)), axis=1)


def train(X, y, hidden_size=50, lr=0.5, epochs=20, batch_size=32, seed=0, activation="relu"):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    train_size = X.shape[0]
    params = init_params(X.shape[1], hidden_size, int(np.max(y)) + 1, seed=seed)
    network = TwoLayerNet(params, activation)
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        idx = rng.permutation(train_size)
        for i in range(0, train_size, batch_size):
            batch_mask = idx[i:i + batch_size]
            grad = network.gradient(X[batch_mask], y[batch_mask])
            for key in ("W1", "b1", "W2", "b2"):
                network.params[key] -= lr * grad[key]
    return network.params
