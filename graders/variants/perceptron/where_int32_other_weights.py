"""Style: ``np.where`` everywhere, int32 step output, ``np.dot`` for the weighted sum.

GATES use other (equally valid) weights: AND (1, 1) with b = -1.5, NAND (-1, -1)
with b = 1.5, OR (1, 1) with b = -0.5. XOR is ``AND(OR, NAND)`` (the two hidden
gates in the other order). Training shuffles an index array in place with
``rng.shuffle`` each epoch instead of drawing ``rng.permutation``.
"""

import numpy as np

GATES = {
    "AND": (np.array([1.0, 1.0]), -1.5),
    "NAND": (np.array([-1.0, -1.0]), 1.5),
    "OR": (np.array([1.0, 1.0]), -0.5),
}


def step(x):
    return np.where(np.asarray(x) > 0, 1, 0).astype(np.int32)


def perceptron(x, w, b):
    return step(np.dot(np.asarray(x, dtype=np.float64), np.asarray(w, dtype=np.float64)) + b)


def _apply(name, x1, x2):
    w, b = GATES[name]
    inputs = np.stack((np.asarray(x1), np.asarray(x2)), axis=-1)
    return perceptron(inputs, w, b)


def AND(x1, x2):
    return _apply("AND", x1, x2)


def NAND(x1, x2):
    return _apply("NAND", x1, x2)


def OR(x1, x2):
    return _apply("OR", x1, x2)


def XOR(x1, x2):
    return AND(OR(x1, x2), NAND(x1, x2))


def train_perceptron(X, y, lr=0.1, epochs=100, seed=0):
    X = np.array(X, dtype=np.float64)  # a private copy
    y = np.array(y)
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    rng = np.random.default_rng(seed)
    order = np.arange(n)
    for _ in range(epochs):
        rng.shuffle(order)
        errors = 0
        for i in order:
            delta = lr * (y[i] - perceptron(X[i], w, b))
            if delta != 0:
                w = w + delta * X[i]
                b = b + delta
                errors += 1
        if not errors:
            break
    return w, float(b)
