"""The output layer's weight gradient is written ``dS.T @ Z1``, shape ``(C, H)``:
the transpose of ``W2``'s shape ``(H, C)``."""

import numpy as np

CAUGHT_BY = "test_gradients_keys_and_shapes"
MESSAGE = "is transposed"


def gradients(params, X, y, activation="relu"):
    X, A1, Z1, S = _scores(params, X, activation)
    y = np.asarray(y, dtype=np.int64)
    n = X.shape[0]
    dS = np.exp(_log_softmax(S))
    dS[np.arange(n), y] -= 1.0
    dS /= n
    dZ1 = dS @ params["W2"].T
    dA1 = dZ1 * (A1 > 0) if activation == "relu" else dZ1 * Z1 * (1.0 - Z1)
    return {"W1": X.T @ dA1, "b1": dA1.sum(axis=0), "W2": dS.T @ Z1, "b2": dS.sum(axis=0)}
