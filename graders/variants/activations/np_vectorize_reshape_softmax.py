"""Style: scalar functions lifted to arrays with ``np.vectorize(..., otypes=[float])``,
and a softmax that subtracts the maximum with ``np.exp(x - max)`` but restores
the reduced axis with an explicit ``reshape`` instead of ``keepdims=True``.
"""

import numpy as np


def _stable_sigmoid(v):
    if v >= 0:
        return 1.0 / (1.0 + np.exp(-v))
    z = np.exp(v)
    return z / (1.0 + z)


_sigmoid = np.vectorize(_stable_sigmoid, otypes=[float])
_relu = np.vectorize(lambda v: v if v > 0 else 0.0, otypes=[float])
_relu_grad = np.vectorize(lambda v: 1.0 if v > 0 else 0.0, otypes=[float])
_leaky = np.vectorize(lambda v, a: v if v > 0 else a * v, otypes=[float])
_leaky_grad = np.vectorize(lambda v, a: 1.0 if v > 0 else a, otypes=[float])


def identity(x):
    return np.vectorize(float, otypes=[float])(x)


def sigmoid(x):
    return _sigmoid(np.asarray(x, dtype=float))


def tanh(x):
    return np.vectorize(np.tanh, otypes=[float])(x)


def relu(x):
    return _relu(x)


def leaky_relu(x, alpha=0.01):
    return _leaky(x, alpha)


def softmax(x, axis=-1):
    x = np.asarray(x, dtype=float)
    shape = list(x.shape)
    shape[axis] = 1
    m = np.max(x, axis=axis).reshape(shape)
    e = np.exp(x - m)
    s = np.sum(e, axis=axis).reshape(shape)
    return e / s


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)


def tanh_grad(x):
    return 1 - tanh(x) ** 2


def relu_grad(x):
    return _relu_grad(x)


def leaky_relu_grad(x, alpha=0.01):
    return _leaky_grad(x, alpha)
