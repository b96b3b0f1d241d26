"""Style: boolean masks and mathematical identities.

``relu`` copies ``x`` and zeroes it where ``x <= 0`` (the book's ``mask``);
``leaky_relu`` multiplies by a slope array;
``tanh_grad`` is ``(1 - t)(1 + t)``; the sigmoid is ``exp(-logaddexp(0, -x))``
(never overflows); softmax goes through a log-sum-exp (``x - max - log(sum(exp(x - max)))``)
and exponentiates; ``relu_grad`` is ``np.heaviside(x, 1.0)`` (1.0 at zero).
"""

import numpy as np


def identity(x):
    return np.asarray(x, dtype=np.float64).copy()


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    return np.exp(-np.logaddexp(0.0, -x))


def tanh(x):
    return np.tanh(np.asarray(x, dtype=np.float64))


def relu(x):
    x = np.asarray(x, dtype=np.float64)
    out = x.copy()
    out[x <= 0] = 0.0
    return out


def leaky_relu(x, alpha=0.01):
    x = np.asarray(x, dtype=np.float64)
    slope = np.where(x > 0, 1.0, alpha)
    return x * slope


def softmax(x, axis=-1):
    x = np.asarray(x, dtype=np.float64)
    shifted = x - x.max(axis=axis, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
    return np.exp(log_probs)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s - s * s


def tanh_grad(x):
    t = tanh(x)
    return (1.0 - t) * (1.0 + t)


def relu_grad(x):
    return np.heaviside(np.asarray(x, dtype=np.float64), 1.0)


def leaky_relu_grad(x, alpha=0.01):
    x = np.asarray(x, dtype=np.float64)
    return alpha + (1.0 - alpha) * (x > 0)
