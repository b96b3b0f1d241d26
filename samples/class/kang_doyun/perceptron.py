"""Reference solution: logic gates and the perceptron learning rule.

A perceptron computes ``step(x @ w + b)``. With hand-picked weights it is an
AND, NAND or OR gate; XOR needs two layers of them; and the perceptron rule
finds the weights by itself on linearly separable data.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def step(x: ArrayLike) -> NDArray[np.int64]:
    """Return 1 where ``x > 0`` and 0 elsewhere, as an int64 array of x's shape.

    A 0-d input gives a 0-d array (not a Python int), so the result always has
    ``.shape`` and ``.dtype``.
    """
    return np.asarray(np.asarray(x) > 0, dtype=np.int64)


def perceptron(x: ArrayLike, w: ArrayLike, b: float) -> NDArray[np.int64]:
    """Return ``step(x @ w + b)`` for one sample ``(d,)`` or a batch ``(n, d)``.

    The result has shape ``()`` for one sample and ``(n,)`` for a batch; more
    leading axes work the same way, which is what the gates below rely on.
    """
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    return step(x @ w + b)


GATES: dict[str, tuple[NDArray[np.float64], float]] = {
    "AND": (np.array([0.5, 0.5]), -0.7),
    "NAND": (np.array([-0.5, -0.5]), 0.7),
    "OR": (np.array([0.5, 0.5]), -0.2),
}


def _gate(name: str, x1: ArrayLike, x2: ArrayLike) -> NDArray[np.int64]:
    """Apply the perceptron ``GATES[name]`` element-wise to ``x1`` and ``x2``."""
    w, b = GATES[name]
    x = np.stack([np.asarray(x1), np.asarray(x2)], axis=-1)
    return perceptron(x, w, b)


def AND(x1: ArrayLike, x2: ArrayLike) -> NDArray[np.int64]:
    """Logical AND of 0/1 inputs (scalars or equal-shape arrays), element-wise."""
    return _gate("AND", x1, x2)


def NAND(x1: ArrayLike, x2: ArrayLike) -> NDArray[np.int64]:
    """Logical NAND (not AND) of 0/1 inputs, element-wise."""
    return _gate("NAND", x1, x2)


def OR(x1: ArrayLike, x2: ArrayLike) -> NDArray[np.int64]:
    """Logical OR of 0/1 inputs, element-wise."""
    return _gate("OR", x1, x2)


def XOR(x1: ArrayLike, x2: ArrayLike) -> NDArray[np.int64]:
    """Logical XOR as a two-layer network: ``AND(NAND(x1, x2), OR(x1, x2))``."""
    return AND(NAND(x1, x2), OR(x1, x2))


def train_perceptron(
    X: ArrayLike,
    y: ArrayLike,
    lr: float = 0.1,
    epochs: int = 100,
    seed: int = 0,
) -> tuple[NDArray[np.float64], float]:
    """Learn ``(w, b)`` for ``perceptron`` with the perceptron rule.

    Starts from ``w = 0``, ``b = 0``. Each epoch visits the samples of ``X``
    ``(n, d)`` in the order ``rng.permutation(n)`` of one
    ``np.random.default_rng(seed)``; on a mistake it moves the weights by
    ``lr * (y_i - prediction) * x_i`` and the bias by ``lr * (y_i - prediction)``.
    Training stops after an epoch without mistakes, or after ``epochs`` epochs.
    Returns ``w`` (float64, shape ``(d,)``) and ``b`` (a Python float).
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    n, d = X.shape
    w = np.zeros(d, dtype=np.float64)
    b = 0.0
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        mistakes = 0
        for i in rng.permutation(n):
            pred = step(X[i] @ w + b)
            if pred != y[i]:
                w += lr * (y[i] - pred) * X[i]
                b += lr * (y[i] - pred)
                mistakes += 1
        if mistakes == 0:
            break
    return w, float(b)
