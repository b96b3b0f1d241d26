"""Style: the Korean textbook "밑바닥부터 시작하는 딥러닝" (Deep Learning from Scratch).

Gates are written for one pair of numbers, exactly as in chapter 2
(``tmp = np.sum(w*x) + b; if tmp <= 0: return 0 else: return 1``), and then made
element-wise with ``np.vectorize`` so arrays of inputs work as the contract asks.
The step function is the book's ``y = x > 0; return y.astype(int)``; the
perceptron rule is written with explicit Python loops over samples and features.
"""

import numpy as np

GATES = {
    "AND": (np.array([0.5, 0.5]), -0.7),
    "NAND": (np.array([-0.5, -0.5]), 0.7),
    "OR": (np.array([0.5, 0.5]), -0.2),
}


def step(x):
    x = np.asarray(x)
    y = x > 0
    return y.astype(int)


def perceptron(x, w, b):
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    tmp = np.sum(x * w, axis=-1) + b
    return step(tmp)


def _and(x1, x2):
    w, b = GATES["AND"]
    x = np.array([x1, x2])
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    else:
        return 1


def _nand(x1, x2):
    w, b = GATES["NAND"]
    x = np.array([x1, x2])
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    else:
        return 1


def _or(x1, x2):
    w, b = GATES["OR"]
    x = np.array([x1, x2])
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    else:
        return 1


AND = np.vectorize(_and, otypes=[int])
NAND = np.vectorize(_nand, otypes=[int])
OR = np.vectorize(_or, otypes=[int])


def XOR(x1, x2):
    s1 = NAND(x1, x2)
    s2 = OR(x1, x2)
    y = AND(s1, s2)
    return y


def train_perceptron(X, y, lr=0.1, epochs=100, seed=0):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n = X.shape[0]
    d = X.shape[1]
    w = np.zeros(d)
    b = 0.0
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        mistakes = 0
        for i in rng.permutation(n):
            tmp = b
            for j in range(d):
                tmp += w[j] * X[i, j]
            if tmp <= 0:
                pred = 0
            else:
                pred = 1
            error = y[i] - pred
            if error != 0:
                for j in range(d):
                    w[j] += lr * error * X[i, j]
                b += lr * error
                mistakes += 1
        if mistakes == 0:
            break
    return w, b
