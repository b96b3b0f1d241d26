"""The sigmoid's derivative is taken as ``s`` instead of ``s * (1 - s)``."""

import numpy as np

CAUGHT_BY = "test_gradients_sigmoid"
MESSAGE = "dA1 = dZ1 * Z1 * (1 - Z1)"


def gradients(params, X, y, activation="relu"):
    X, A1, Z1, S = _scores(params, X, activation)
    y = np.asarray(y, dtype=np.int64)
    n = X.shape[0]
    dS = np.exp(_log_softmax(S))
    dS[np.arange(n), y] -= 1.0
    dS /= n
    dZ1 = dS @ params["W2"].T
    if activation == "relu":
        dA1 = dZ1 * (A1 > 0)
    else:
        dA1 = dZ1 * Z1
    return {"W1": X.T @ dA1, "b1": dA1.sum(axis=0), "W2": Z1.T @ dS, "b2": dS.sum(axis=0)}
