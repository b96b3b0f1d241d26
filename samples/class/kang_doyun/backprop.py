"""Reference solution: a two-layer network trained by backpropagation (오차역전파법).

The network is ``X -> affine (W1, b1) -> activation -> affine (W2, b2) -> softmax``
with the mean cross-entropy of integer labels as its loss. Parameters live in a dict
of plain arrays (``W1``, ``b1``, ``W2``, ``b2``) and every function is pure: it
returns new arrays and leaves ``params`` and ``X`` as they were.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

Params = dict[str, NDArray[np.float64]]

KEYS = ("W1", "b1", "W2", "b2")


def init_params(
    input_size: int,
    hidden_size: int,
    output_size: int,
    weight_scale: float = 0.01,
    seed: int = 0,
) -> Params:
    """Weights drawn from ``N(0, weight_scale**2)`` (``W1`` first, then ``W2``), zero biases."""
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(0.0, weight_scale, size=(input_size, hidden_size)),
        "b1": np.zeros(hidden_size),
        "W2": rng.normal(0.0, weight_scale, size=(hidden_size, output_size)),
        "b2": np.zeros(output_size),
    }


def _activation(activation: str) -> str:
    if activation not in ("relu", "sigmoid"):
        raise ValueError(f"activation must be 'relu' or 'sigmoid', not {activation!r}")
    return activation


def _sigmoid(x: NDArray[np.float64]) -> NDArray[np.float64]:
    # exp(-|x|) never overflows; the two branches are the sigmoid written with it.
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _scores(params: Params, X: ArrayLike, activation: str) -> tuple[NDArray[np.float64], ...]:
    """The forward pass, keeping what backpropagation needs: ``(X, A1, Z1, S)``.

    ``A1 = X @ W1 + b1`` (pre-activation), ``Z1`` the hidden activations and
    ``S = Z1 @ W2 + b2`` the class scores (logits).
    """
    act = _activation(activation)
    X = np.asarray(X, dtype=np.float64)
    A1 = X @ params["W1"] + params["b1"]
    Z1 = np.maximum(A1, 0.0) if act == "relu" else _sigmoid(A1)
    S = Z1 @ params["W2"] + params["b2"]
    return X, A1, Z1, S


def _log_softmax(S: NDArray[np.float64]) -> NDArray[np.float64]:
    """``log(softmax(S))`` row by row, exact and finite for scores of any size."""
    shifted = S - np.max(S, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def forward(params: Params, X: ArrayLike, activation: str = "relu") -> NDArray[np.float64]:
    """Class probabilities ``(n, C)``: the softmax of the scores, each row sums to 1."""
    return np.exp(_log_softmax(_scores(params, X, activation)[3]))


def loss(params: Params, X: ArrayLike, y: ArrayLike, activation: str = "relu") -> float:
    """Mean cross-entropy ``mean(-log p[i, y_i])``, computed with a stable log-softmax."""
    log_p = _log_softmax(_scores(params, X, activation)[3])
    y = np.asarray(y, dtype=np.int64)
    return float(-np.mean(log_p[np.arange(len(y)), y]))


def gradients(params: Params, X: ArrayLike, y: ArrayLike, activation: str = "relu") -> Params:
    """The gradient of ``loss`` with respect to every parameter, by backpropagation."""
    X, A1, Z1, S = _scores(params, X, activation)
    y = np.asarray(y, dtype=np.int64)
    n = X.shape[0]
    dS = np.exp(_log_softmax(S))  # softmax with cross-entropy: (p - onehot) / n
    dS[np.arange(n), y] -= 1.0
    dS /= n
    dZ1 = dS @ params["W2"].T
    if activation == "relu":
        dA1 = dZ1 * (A1 > 0)
    else:
        dA1 = dZ1 * Z1 * (1.0 - Z1)
    return {
        "W1": X.T @ dA1,
        "b1": dA1.sum(axis=0),
        "W2": Z1.T @ dS,
        "b2": dS.sum(axis=0),
    }


def numerical_gradients(
    params: Params,
    X: ArrayLike,
    y: ArrayLike,
    activation: str = "relu",
    h: float = 1e-4,
) -> Params:
    """Central differences ``(loss(p + h) - loss(p - h)) / 2h``, one element at a time."""
    _activation(activation)
    work = {key: np.array(value, dtype=np.float64) for key, value in params.items()}
    grads = {}
    for key in KEYS:
        array = work[key]
        grad = np.zeros_like(array)
        for index in np.ndindex(array.shape):
            old = array[index]
            array[index] = old + h
            plus = loss(work, X, y, activation)
            array[index] = old - h
            minus = loss(work, X, y, activation)
            array[index] = old
            grad[index] = (plus - minus) / (2.0 * h)
        grads[key] = grad
    return grads


def predict(params: Params, X: ArrayLike, activation: str = "relu") -> NDArray[np.int64]:
    """Integer class labels ``(n,)``: the index of the largest score of each row."""
    return np.argmax(_scores(params, X, activation)[3], axis=-1).astype(np.int64)


def train(
    X: ArrayLike,
    y: ArrayLike,
    hidden_size: int = 50,
    lr: float = 0.5,
    epochs: int = 20,
    batch_size: int = 32,
    seed: int = 0,
    activation: str = "relu",
) -> Params:
    """Mini-batch SGD from ``init_params(d, hidden_size, max(y) + 1, seed=seed)``.

    One ``rng = np.random.default_rng(seed)`` shuffles the samples at the start of
    each epoch (``rng.permutation(n)``); consecutive slices of ``batch_size`` rows are
    the batches (the last one may be smaller); each batch updates every parameter by
    ``-lr * gradient``.
    """
    _activation(activation)
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.int64)
    n = X.shape[0]
    params = init_params(X.shape[1], hidden_size, int(y.max()) + 1, seed=seed)
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            batch = order[start:start + batch_size]
            grads = gradients(params, X[batch], y[batch], activation)
            params = {key: params[key] - lr * grads[key] for key in KEYS}
    return params


def gradients(params, X, y, activation="relu"):
    X, A1, Z1, S = _scores(params, X, activation)
    y = np.asarray(y, dtype=np.int64)
    n = X.shape[0]
    dS = np.exp(_log_softmax(S))
    dS[np.arange(n), y] -= 1.0
    dZ1 = dS @ params["W2"].T
    dA1 = dZ1 * (A1 > 0) if activation == "relu" else dZ1 * Z1 * (1.0 - Z1)
    return {"W1": X.T @ dA1, "b1": dA1.sum(axis=0), "W2": Z1.T @ dS, "b2": dS.sum(axis=0)}
