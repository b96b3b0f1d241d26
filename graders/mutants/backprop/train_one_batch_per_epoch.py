"""Each epoch takes a single random mini-batch (the textbook's one batch per
iteration) instead of walking through all the data: 20 epochs are only 20 small
steps, far too few to learn the digits."""

import numpy as np

CAUGHT_BY = "test_train_digits"
MESSAGE = "at least 90% is needed"


def train(X, y, hidden_size=50, lr=0.5, epochs=20, batch_size=32, seed=0, activation="relu"):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.int64)
    params = init_params(X.shape[1], hidden_size, int(y.max()) + 1, seed=seed)
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        batch = rng.permutation(X.shape[0])[:batch_size]
        grads = gradients(params, X[batch], y[batch], activation)
        params = {key: params[key] - lr * grads[key] for key in KEYS}
    return params
