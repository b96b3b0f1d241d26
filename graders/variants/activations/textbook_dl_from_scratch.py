"""Style: the Korean textbook "밑바닥부터 시작하는 딥러닝" (Deep Learning from Scratch).

``sigmoid`` is the book's ``1 / (1 + np.exp(-x))`` made overflow-free by clipping
``x`` to ``[-500, 500]`` first (no scipy); ``softmax`` is the book's version that
transposes a 2-D batch and subtracts ``np.max`` along axis 0, generalised to any
``axis`` with ``np.moveaxis``; ``relu_grad`` is the book's Relu backward mask
(``grad[x >= 0] = 1``), which returns 1.0 at ``x == 0`` (the right-hand slope).
"""

import numpy as np


def identity(x):
    return np.array(x, dtype=float)


def sigmoid(x):
    x = np.clip(np.asarray(x, dtype=float), -500, 500)
    return 1 / (1 + np.exp(-x))


def tanh(x):
    return np.tanh(np.asarray(x, dtype=float))


def relu(x):
    return np.maximum(0, np.asarray(x, dtype=float))


def leaky_relu(x, alpha=0.01):
    x = np.asarray(x, dtype=float)
    out = x.copy()
    mask = x <= 0
    out[mask] = alpha * x[mask]
    return out


def softmax(x, axis=-1):
    x = np.moveaxis(np.asarray(x, dtype=float), axis, 0)
    if x.ndim == 1:
        x = x - np.max(x)  # overflow countermeasure
        return np.exp(x) / np.sum(np.exp(x))
    x = x - np.max(x, axis=0)
    y = np.exp(x) / np.sum(np.exp(x), axis=0)
    return np.moveaxis(y, 0, axis)


def sigmoid_grad(x):
    return (1.0 - sigmoid(x)) * sigmoid(x)


def tanh_grad(x):
    y = tanh(x)
    return 1.0 - y * y


def relu_grad(x):
    x = np.asarray(x)
    grad = np.zeros(x.shape)
    grad[x >= 0] = 1
    return grad


def leaky_relu_grad(x, alpha=0.01):
    x = np.asarray(x)
    grad = np.ones(x.shape)
    grad[x < 0] = alpha
    return grad
