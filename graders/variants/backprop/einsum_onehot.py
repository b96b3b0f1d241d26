"""Style: matrix products with ``np.einsum``, one-hot targets with ``np.eye(C)[y]``,
the ReLU slope as ``np.heaviside(A1, 0)``, the sigmoid as
``exp(-logaddexp(0, -x))``, the loss as ``-sum(T * log_softmax) / n``; numerical
gradients perturb a flat copy through ``ravel()`` views; ``predict`` returns int32
labels; training draws its batches from a generator function.
"""

import numpy as np

KEYS = ("W1", "b1", "W2", "b2")


def init_params(input_size, hidden_size, output_size, weight_scale=0.01, seed=0):
    rng = np.random.default_rng(seed)
    shapes = {"W1": (input_size, hidden_size), "W2": (hidden_size, output_size)}
    params = {name: rng.normal(0, weight_scale, shape) for name, shape in shapes.items()}
    params["b1"], params["b2"] = np.zeros(hidden_size), np.zeros(output_size)
    return {key: params[key] for key in KEYS}


def _check(activation):
    if activation not in {"relu", "sigmoid"}:
        raise ValueError("activation: expected 'relu' or 'sigmoid'")


def _layers(p, X, activation):
    _check(activation)
    X = np.asarray(X, dtype=np.float64)
    A1 = np.einsum("nd,dh->nh", X, p["W1"]) + p["b1"]
    Z1 = np.maximum(A1, 0) if activation == "relu" else np.exp(-np.logaddexp(0.0, -A1))
    S = np.einsum("nh,hc->nc", Z1, p["W2"]) + p["b2"]
    m = S.max(axis=1, keepdims=True)
    log_p = S - m - np.log(np.exp(S - m).sum(axis=1, keepdims=True))
    return X, A1, Z1, log_p


def forward(params, X, activation="relu"):
    return np.exp(_layers(params, X, activation)[3])


def loss(params, X, y, activation="relu"):
    log_p = _layers(params, X, activation)[3]
    T = np.eye(log_p.shape[1])[np.asarray(y)]
    return -np.sum(T * log_p) / log_p.shape[0]


def gradients(params, X, y, activation="relu"):
    X, A1, Z1, log_p = _layers(params, X, activation)
    T = np.eye(log_p.shape[1])[np.asarray(y)]
    dS = (np.exp(log_p) - T) / X.shape[0]
    dZ1 = np.einsum("nc,hc->nh", dS, params["W2"])
    dA1 = dZ1 * (np.heaviside(A1, 0.0) if activation == "relu" else Z1 * (1 - Z1))
    return {
        "W1": np.einsum("nd,nh->dh", X, dA1),
        "b1": np.einsum("nh->h", dA1),
        "W2": np.einsum("nh,nc->hc", Z1, dS),
        "b2": np.einsum("nc->c", dS),
    }


def numerical_gradients(params, X, y, activation="relu", h=1e-4):
    work = {k: np.array(v, dtype=np.float64, copy=True) for k, v in params.items()}
    out = {}
    for key in KEYS:
        flat = work[key].ravel()  # a view of the copy
        g = np.empty(flat.size)
        for i in range(flat.size):
            keep = flat[i]
            flat[i] = keep + h
            up = loss(work, X, y, activation)
            flat[i] = keep - h
            down = loss(work, X, y, activation)
            flat[i] = keep
            g[i] = (up - down) / (2 * h)
        out[key] = g.reshape(work[key].shape)
    return out


def predict(params, X, activation="relu"):
    return forward(params, X, activation).argmax(axis=1).astype(np.int32)


def _batches(n, batch_size, rng):
    order = rng.permutation(n)
    start = 0
    while start < n:
        yield order[start:start + batch_size]
        start += batch_size


def train(X, y, hidden_size=50, lr=0.5, epochs=20, batch_size=32, seed=0, activation="relu"):
    _check(activation)
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.int64)
    p = init_params(X.shape[1], hidden_size, int(y.max()) + 1, seed=seed)
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        for idx in _batches(len(X), batch_size, rng):
            g = gradients(p, X[idx], y[idx], activation)
            p = {k: p[k] - lr * g[k] for k in KEYS}
    return p
