"""Style: one sample at a time.

The forward pass and the backward pass loop over the samples and add up each
sample's gradient (``np.outer`` for the weights); the log-softmax uses
``np.logaddexp.reduce``; the sigmoid is written with ``np.tanh``; the loss clips the
probabilities to ``[1e-7, 1]``; the numerical gradient builds a fresh deep copy of
the parameters for every evaluation; training cuts each epoch with
``np.array_split``; unknown activations are a ``KeyError`` turned into
``ValueError``.
"""

import copy
import math

import numpy as np

ACTIVATIONS = {
    "relu": (lambda a: np.maximum(a, 0.0), lambda a, z: (a > 0).astype(float)),
    "sigmoid": (lambda a: 0.5 * (1.0 + np.tanh(0.5 * a)), lambda a, z: z * (1.0 - z)),
}


def _act(name):
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"unknown activation {name!r}; use one of {sorted(ACTIVATIONS)}") from None


def init_params(input_size, hidden_size, output_size, weight_scale=0.01, seed=0):
    rng = np.random.default_rng(seed)
    W1 = rng.normal(loc=0.0, scale=weight_scale, size=(input_size, hidden_size))
    W2 = rng.normal(loc=0.0, scale=weight_scale, size=(hidden_size, output_size))
    return dict(W1=W1, b1=np.zeros(hidden_size), W2=W2, b2=np.zeros(output_size))


def _one(params, x, activation):
    """Forward pass for one sample: (a, z, log_probs)."""
    f, _ = _act(activation)
    a = x @ params["W1"] + params["b1"]
    z = f(a)
    s = z @ params["W2"] + params["b2"]
    return a, z, s - np.logaddexp.reduce(s)


def forward(params, X, activation="relu"):
    X = np.asarray(X, dtype=float)
    return np.array([np.exp(_one(params, x, activation)[2]) for x in X])


def loss(params, X, y, activation="relu"):
    P = forward(params, X, activation)
    total = 0.0
    for i, label in enumerate(np.asarray(y)):
        total -= math.log(min(max(P[i, int(label)], 1e-7), 1.0))
    return total / len(P)


def gradients(params, X, y, activation="relu"):
    _, df = _act(activation)
    X = np.asarray(X, dtype=float)
    n = len(X)
    grads = {key: np.zeros_like(value, dtype=float) for key, value in params.items()}
    for x, label in zip(X, np.asarray(y)):
        a, z, log_p = _one(params, x, activation)
        ds = np.exp(log_p)
        ds[int(label)] -= 1.0
        ds /= n
        grads["W2"] += np.outer(z, ds)
        grads["b2"] += ds
        da = (params["W2"] @ ds) * df(a, z)
        grads["W1"] += np.outer(x, da)
        grads["b1"] += da
    return grads


def numerical_gradients(params, X, y, activation="relu", h=1e-4):
    grads = {}
    for key in ("W1", "b1", "W2", "b2"):
        grads[key] = np.zeros(np.shape(params[key]))
        for index in np.ndindex(grads[key].shape):
            plus, minus = copy.deepcopy(params), copy.deepcopy(params)
            plus[key][index] += h
            minus[key][index] -= h
            grads[key][index] = (loss(plus, X, y, activation) - loss(minus, X, y, activation)) / (2 * h)
    return grads


def predict(params, X, activation="relu"):
    return np.array([int(np.argmax(row)) for row in forward(params, X, activation)], dtype=np.int64)


def train(X, y, hidden_size=50, lr=0.5, epochs=20, batch_size=32, seed=0, activation="relu"):
    _act(activation)
    X = np.asarray(X, dtype=float)
    y = np.asarray(y).astype(int)
    params = init_params(X.shape[1], hidden_size, y.max() + 1, seed=seed)
    rng = np.random.default_rng(seed)
    n_batches = max(1, math.ceil(len(X) / batch_size))
    for _ in range(epochs):
        for batch in np.array_split(rng.permutation(len(X)), n_batches):
            g = gradients(params, X[batch], y[batch], activation)
            params = {k: v - lr * g[k] for k, v in params.items()}
    return params
