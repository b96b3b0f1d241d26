"""Reference solution: activation functions and their derivatives.

Every function works element-wise (softmax along one axis), accepts anything
``np.asarray`` accepts, returns a new float64 array of the input's shape and
leaves its input untouched.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def identity(x: ArrayLike) -> NDArray[np.float64]:
    """Return ``x`` itself, as a new float64 array."""
    return np.array(x, dtype=np.float64)


def sigmoid(x: ArrayLike) -> NDArray[np.float64]:
    """Return ``1 / (1 + exp(-x))`` without overflow for any finite input.

    ``exp(-|x|)`` lies in ``(0, 1]``, so it never overflows; the two branches
    ``1 / (1 + e)`` (for ``x >= 0``) and ``e / (1 + e)`` (for ``x < 0``) are
    both the sigmoid written with that safe exponential.
    """
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def tanh(x: ArrayLike) -> NDArray[np.float64]:
    """Return the hyperbolic tangent of ``x``, in ``(-1, 1)``."""
    return np.tanh(np.asarray(x, dtype=np.float64))


def relu(x: ArrayLike) -> NDArray[np.float64]:
    """Return ``max(0, x)`` element-wise."""
    return np.maximum(np.asarray(x, dtype=np.float64), 0.0)


def leaky_relu(x: ArrayLike, alpha: float = 0.01) -> NDArray[np.float64]:
    """Return ``x`` where ``x > 0`` and ``alpha * x`` elsewhere."""
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, alpha * x)


def softmax(x: ArrayLike, axis: int = -1) -> NDArray[np.float64]:
    """Turn logits into probabilities along ``axis``; each slice sums to 1.

    Subtracting the slice maximum first leaves the result unchanged
    (``exp(x - m) / sum(exp(x - m)) == exp(x) / sum(exp(x))``) and keeps every
    exponent at most ``exp(0) = 1``, so large logits cannot overflow.
    """
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def sigmoid_grad(x: ArrayLike) -> NDArray[np.float64]:
    """Return the derivative of ``sigmoid`` at ``x``: ``s * (1 - s)``, ``s = sigmoid(x)``."""
    s = sigmoid(x)
    return s * (1.0 - s)


def tanh_grad(x: ArrayLike) -> NDArray[np.float64]:
    """Return the derivative of ``tanh`` at ``x``: ``1 - tanh(x) ** 2``."""
    return 1.0 - tanh(x) ** 2


def relu_grad(x: ArrayLike) -> NDArray[np.float64]:
    """Return the derivative of ``relu`` at ``x``: 1.0 where ``x > 0``, else 0.0."""
    return np.where(np.asarray(x) > 0, 1.0, 0.0)


def leaky_relu_grad(x: ArrayLike, alpha: float = 0.01) -> NDArray[np.float64]:
    """Return the derivative of ``leaky_relu`` at ``x``: 1.0 where ``x > 0``, else ``alpha``."""
    return np.where(np.asarray(x) > 0, 1.0, alpha).astype(np.float64)


def softmax(x: ArrayLike, axis: int = -1) -> NDArray[np.float64]:
    e = np.exp(np.asarray(x, dtype=np.float64))
    return e / np.sum(e, axis=axis, keepdims=True)
