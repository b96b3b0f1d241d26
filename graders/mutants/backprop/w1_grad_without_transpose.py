"""The first layer's weight gradient is written ``X @ dA1`` (no ``.T``): with
``X`` of shape ``(n, d)`` and ``dA1`` of shape ``(n, H)`` the product does not exist."""

import numpy as np

CAUGHT_BY = "test_gradients_keys_and_shapes"
MESSAGE = "matmul"


def gradients(params, X, y, activation="relu"):
    X, A1, Z1, S = _scores(params, X, activation)
    y = np.asarray(y, dtype=np.int64)
    n = X.shape[0]
    dS = np.exp(_log_softmax(S))
    dS[np.arange(n), y] -= 1.0
    dS /= n
    dZ1 = dS @ params["W2"].T
    dA1 = dZ1 * (A1 > 0) if activation == "relu" else dZ1 * Z1 * (1.0 - Z1)
    return {"W1": X @ dA1, "b1": dA1.sum(axis=0), "W2": Z1.T @ dS, "b2": dS.sum(axis=0)}
