"""Style: plain Python loops instead of vectorisation.

``step`` visits every element with ``np.ndindex``; the perceptron adds up
``w[j] * x[j]`` in a loop for each sample; the gates loop over the elements of
their inputs and call the perceptron on one pair at a time. Training walks the
epoch's permutation by position, and returns ``b`` as a NumPy float.
"""

import numpy as np

GATES = {
    "AND": (np.array([1.0, 1.0]), -1.5),
    "NAND": (np.array([-2.0, -2.0]), 3.0),
    "OR": (np.array([1.0, 1.0]), -0.5),
}


def step(x):
    x = np.asarray(x)
    out = np.zeros(x.shape, dtype=np.int64)
    for idx in np.ndindex(x.shape):
        if x[idx] > 0:
            out[idx] = 1
        else:
            out[idx] = 0
    return out


def _weighted_sum(row, w, b):
    total = float(b)
    for j in range(len(w)):
        total += float(w[j]) * float(row[j])
    return total


def perceptron(x, w, b):
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    if x.ndim == 1:
        return step(_weighted_sum(x, w, b))
    sums = np.zeros(x.shape[:-1])
    for idx in np.ndindex(x.shape[:-1]):
        sums[idx] = _weighted_sum(x[idx], w, b)
    return step(sums)


def _gate(name, x1, x2):
    w, b = GATES[name]
    x1 = np.asarray(x1)
    x2 = np.asarray(x2)
    out = np.zeros(x1.shape, dtype=np.int64)
    for idx in np.ndindex(x1.shape):
        out[idx] = perceptron(np.array([x1[idx], x2[idx]]), w, b)
    return out


def AND(x1, x2):
    return _gate("AND", x1, x2)


def NAND(x1, x2):
    return _gate("NAND", x1, x2)


def OR(x1, x2):
    return _gate("OR", x1, x2)


def XOR(x1, x2):
    return AND(NAND(x1, x2), OR(x1, x2))


def train_perceptron(X, y, lr=0.1, epochs=100, seed=0):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    n, d = X.shape
    w = np.zeros(d, dtype=np.float64)
    b = np.float64(0.0)
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        order = rng.permutation(n)
        wrong = 0
        for pos in range(n):
            i = order[pos]
            prediction = int(perceptron(X[i], w, b))
            error = int(y[i]) - prediction
            if error:
                wrong += 1
                for j in range(d):
                    w[j] = w[j] + lr * error * X[i, j]
                b = b + lr * error
        if wrong == 0:
            break
    return w, b
