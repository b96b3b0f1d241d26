"""Only the weights are backpropagated; the bias gradients are left as zeros."""

import numpy as np

CAUGHT_BY = "test_gradients_relu"
MESSAGE = "gradient is all zeros"


def gradients(params, X, y, activation="relu"):
    X, A1, Z1, S = _scores(params, X, activation)
    y = np.asarray(y, dtype=np.int64)
    n = X.shape[0]
    dS = np.exp(_log_softmax(S))
    dS[np.arange(n), y] -= 1.0
    dS /= n
    dZ1 = dS @ params["W2"].T
    dA1 = dZ1 * (A1 > 0) if activation == "relu" else dZ1 * Z1 * (1.0 - Z1)
    return {"W1": X.T @ dA1, "b1": np.zeros_like(params["b1"]), "W2": Z1.T @ dS,
            "b2": np.zeros_like(params["b2"])}
