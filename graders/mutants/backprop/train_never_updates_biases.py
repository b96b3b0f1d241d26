"""Training updates the weights but never the biases, which stay at zero."""

import numpy as np

CAUGHT_BY = "test_train_update_rule"
MESSAGE = "are still all zeros"


def train(X, y, hidden_size=50, lr=0.5, epochs=20, batch_size=32, seed=0, activation="relu"):
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
            params = dict(params, W1=params["W1"] - lr * grads["W1"], W2=params["W2"] - lr * grads["W2"])
    return params
