"""Style: per-element Python loops with the ``math`` module.

Every element-wise function fills a float64 array with ``np.ndindex``; the
sigmoid branches on the sign so ``math.exp`` only sees ``-|x|`` (no
OverflowError); softmax moves ``axis`` to the end, reshapes to rows and loops
over each row with ``math.exp``. ``leaky_relu_grad`` returns 1 at ``x == 0``.
"""

import math

import numpy as np


def _map(fn, x):
    x = np.asarray(x, dtype=np.float64)
    out = np.empty(x.shape, dtype=np.float64)
    for idx in np.ndindex(x.shape):
        out[idx] = fn(float(x[idx]))
    return out


def _sigmoid1(v):
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)


def identity(x):
    return _map(lambda v: v, x)


def sigmoid(x):
    return _map(_sigmoid1, x)


def tanh(x):
    return _map(math.tanh, x)


def relu(x):
    return _map(lambda v: v if v > 0 else 0.0, x)


def leaky_relu(x, alpha=0.01):
    return _map(lambda v: v if v > 0 else alpha * v, x)


def softmax(x, axis=-1):
    x = np.asarray(x, dtype=np.float64)
    moved = np.moveaxis(x, axis, -1)
    rows = moved.reshape(-1, moved.shape[-1])
    out = np.empty(rows.shape, dtype=np.float64)
    for r in range(rows.shape[0]):
        m = max(rows[r])
        exps = [math.exp(v - m) for v in rows[r]]
        total = math.fsum(exps)
        for c in range(rows.shape[1]):
            out[r, c] = exps[c] / total
    return np.moveaxis(out.reshape(moved.shape), -1, axis)


def sigmoid_grad(x):
    def grad1(v):
        s = _sigmoid1(v)
        return s * (1.0 - s)

    return _map(grad1, x)


def tanh_grad(x):
    return _map(lambda v: 1.0 - math.tanh(v) ** 2, x)


def relu_grad(x):
    return _map(lambda v: 1.0 if v > 0 else 0.0, x)


def leaky_relu_grad(x, alpha=0.01):
    return _map(lambda v: 1.0 if v >= 0 else alpha, x)
