"""Style: ``np.heaviside(x, 0).astype(int)`` for the step, ``np.einsum`` for the
weighted sum, gates that flatten their inputs into an ``(n, 2)`` batch and reshape
the answer back, and a ``while`` training loop that draws each epoch's order with
``rng.choice(n, size=n, replace=False)``.
"""

import numpy as np

GATES = {
    "AND": (np.array([0.6, 0.6]), -1.0),
    "NAND": (np.array([-0.6, -0.6]), 1.0),
    "OR": (np.array([0.6, 0.6]), -0.3),
}


def step(x):
    return np.heaviside(x, 0).astype(int)


def perceptron(x, w, b):
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    return step(np.einsum("...d,d->...", x, w) + b)


def _gate(name, x1, x2):
    a, c = np.broadcast_arrays(np.asarray(x1), np.asarray(x2))
    batch = np.column_stack([a.ravel(), c.ravel()])
    w, b = GATES[name]
    return perceptron(batch, w, b).reshape(a.shape)


def AND(x1, x2):
    return _gate("AND", x1, x2)


def NAND(x1, x2):
    return _gate("NAND", x1, x2)


def OR(x1, x2):
    return _gate("OR", x1, x2)


def XOR(x1, x2):
    hidden_1 = NAND(x1, x2)
    hidden_2 = OR(x1, x2)
    return AND(hidden_1, hidden_2)


def train_perceptron(X, y, lr=0.1, epochs=100, seed=0):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y).astype(int)
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    rng = np.random.default_rng(seed)
    epoch = 0
    converged = False
    while epoch < epochs and not converged:
        converged = True
        for i in rng.choice(n, size=n, replace=False):
            y_hat = int(perceptron(X[i], w, b))
            if y_hat != y[i]:
                converged = False
                w += lr * (y[i] - y_hat) * X[i]
                b += lr * (y[i] - y_hat)
        epoch += 1
    return w, b
