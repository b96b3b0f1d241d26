"""``gradients`` ignores the activation on the way back: the sigmoid network is
backpropagated as if its hidden layer were a ReLU."""

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
    dA1 = (dS @ params["W2"].T) * (A1 > 0)
    return {"W1": X.T @ dA1, "b1": dA1.sum(axis=0), "W2": Z1.T @ dS, "b2": dS.sum(axis=0)}
