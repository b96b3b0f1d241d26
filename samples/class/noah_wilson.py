"""Deep learning assignment 1: perceptrons, activations and losses. Noah Wilson."""

import numpy as np
from numpy.typing import ArrayLike, NDArray


# ---- perceptron ----

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


# ---- activations ----

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


# ---- losses ----

def one_hot(labels: ArrayLike, num_classes: int | None = None) -> NDArray[np.float64]:
    """Encode integer class labels ``(n,)`` as a float64 matrix ``(n, C)``.

    Row ``i`` is all zeros except a 1.0 in column ``labels[i]``.
    ``C = max(labels) + 1`` unless ``num_classes`` is given. Labels of any shape
    are flattened first, as Keras' ``to_categorical`` does for ``(n, 1)``.
    """
    labels = np.asarray(labels, dtype=np.int64).reshape(-1)
    if num_classes is None:
        num_classes = int(labels.max()) + 1
    if labels.min() < 0 or labels.max() >= num_classes:
        raise ValueError(
            f"one_hot: labels must lie in 0..{num_classes - 1} "
            f"(num_classes={num_classes}); got labels from {labels.min()} to {labels.max()}"
        )
    encoded = np.zeros((labels.size, num_classes), dtype=np.float64)
    encoded[np.arange(labels.size), labels] = 1.0
    return encoded


def mean_squared_error(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Return the mean of ``(y_true - y_pred) ** 2`` over all elements."""
    diff = np.asarray(y_true, dtype=np.float64) - np.asarray(y_pred, dtype=np.float64)
    return float(np.mean(diff**2))


def binary_cross_entropy(y_true: ArrayLike, y_pred: ArrayLike, eps: float = 1e-7) -> float:
    """Return the mean over elements of ``-(y log p + (1 - y) log(1 - p))``.

    ``p`` is ``y_pred`` clipped to ``[eps, 1 - eps]``, so predictions of exactly
    0 or 1 give a large but finite loss.
    """
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(y_pred, dtype=np.float64), eps, 1.0 - eps)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))


def categorical_cross_entropy(
    y_true: ArrayLike, y_pred: ArrayLike, eps: float = 1e-7
) -> float:
    """Return the batch mean of ``-sum(y_true * log(clip(y_pred)))`` over classes.

    ``y_true`` and ``y_pred`` are ``(n, C)`` (one-hot targets, predicted
    probabilities) or a single sample ``(C,)``; classes lie on the last axis.
    """
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(y_pred, dtype=np.float64), eps, 1.0 - eps)
    per_sample = -np.sum(y * np.log(p), axis=-1)
    return float(np.mean(per_sample))


def sparse_categorical_cross_entropy(
    y_true: ArrayLike, y_pred: ArrayLike, eps: float = 1e-7
) -> float:
    """Return the categorical cross-entropy for integer labels ``(n,)``.

    Equal to ``categorical_cross_entropy(one_hot(y_true, C), y_pred)`` for
    ``y_pred`` of shape ``(n, C)``, without building the one-hot matrix: the
    loss of sample ``i`` is ``-log(y_pred[i, y_true[i]])``.
    """
    labels = np.asarray(y_true, dtype=np.int64)
    p = np.clip(np.asarray(y_pred, dtype=np.float64), eps, 1.0 - eps)
    picked = p[np.arange(labels.shape[0]), labels]
    return float(-np.mean(np.log(picked)))


def entropy(p: ArrayLike, base: float = 2) -> float:
    """Return the Shannon entropy ``-sum(p * log(p))`` of the distribution ``p``.

    Logarithms are taken in ``base`` (2: bits, ``np.e``: nats). Terms with
    ``p == 0`` count as 0 (the limit of ``p log p``) and are skipped rather than
    computed, so no ``log(0)`` warning appears.
    """
    p = np.asarray(p, dtype=np.float64)
    nonzero = p[p > 0]
    h = -np.sum(nonzero * np.log(nonzero)) / np.log(base)
    # A sure outcome gives -0.0; adding 0.0 reports it as a plain 0.0.
    return float(h) + 0.0
