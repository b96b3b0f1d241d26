"""Exercise: one-hot encoding, mean squared error and cross-entropy.

A loss function measures how far a model's predictions are from the truth;
training means making that number small. In this exercise you will write

1. one-hot encoding (원-핫 인코딩), which turns class labels into vectors;
2. the mean squared error (평균 제곱 오차) used for regression;
3. the cross-entropy (교차 엔트로피) family used for classification: binary,
   categorical and sparse categorical;
4. the entropy (엔트로피) of a probability distribution.

Rules for every loss here:

- The arguments come in the order ``(y_true, y_pred)``: the truth first,
  then the prediction (the Keras order).
- Return one number: a Python ``float`` (``float(...)`` converts a NumPy
  result).
- Never take ``log(0)``: it is ``-inf`` and turns the loss into ``inf`` or
  ``nan``. Clip probabilities first with ``np.clip(p, eps, 1 - eps)``.
- Never change the input arrays; ``np.clip`` returns a new array.

Replace each ``raise NotImplementedError(...)`` line with your code; keep the
names and the signatures. Use NumPy only. Check your work with::

    autograde check losses
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def one_hot(labels: ArrayLike, num_classes: int | None = None) -> NDArray[np.float64]:
    """One-hot encoding (원-핫 인코딩) of integer class labels.

    ``labels`` holds ``n`` class numbers ``0, 1, ..., C-1``, shape ``(n,)``.
    Return a float64 matrix of shape ``(n, C)``: row ``i`` is all zeros
    except a 1.0 in column ``labels[i]``. ``C`` is ``num_classes`` when given
    (it may be larger than any label: some classes may be missing from this
    batch), else ``max(labels) + 1``.

    >>> one_hot(np.array([0, 2, 1]))
    array([[1., 0., 0.],
           [0., 0., 1.],
           [0., 1., 0.]])
    >>> one_hot([1], num_classes=4)
    array([[0., 1., 0., 0.]])

    You may flatten ``labels`` first, so that labels of shape ``(n, 1)``
    work too (as in Keras), and raise ``ValueError`` for a label outside
    ``0..C-1``; neither is required.

    Pitfalls:

    - ``np.zeros(...)`` is float64 by default; ``dtype=int`` would give
      integers, and the result must be floats.
    - ``C`` is ``max(labels) + 1``, not ``max(labels)``: labels start at 0.
    - Setting one element per row: ``out[np.arange(n), labels] = 1.0`` picks
      the pairs ``(0, labels[0]), (1, labels[1]), ...``.
    """
    ### BEGIN SOLUTION
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
    ### END SOLUTION


def mean_squared_error(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Mean squared error (평균 제곱 오차, MSE): ``mean((y_true - y_pred) ** 2)``.

    The mean is taken over all elements, whatever the shape.

    >>> mean_squared_error([1.0, 2.0, 3.0], [1.0, 2.0, 5.0])   # (0 + 0 + 4) / 3
    1.3333333333333333

    Pitfall: ``np.sum`` instead of ``np.mean`` grows with the number of
    samples; the loss must not.
    """
    ### BEGIN SOLUTION
    diff = np.asarray(y_true, dtype=np.float64) - np.asarray(y_pred, dtype=np.float64)
    return float(np.mean(diff**2))
    ### END SOLUTION


def binary_cross_entropy(y_true: ArrayLike, y_pred: ArrayLike, eps: float = 1e-7) -> float:
    """Binary cross-entropy (이진 교차 엔트로피) for 0/1 targets.

    ``y_true`` holds the targets (0 or 1), ``y_pred`` the predicted
    probabilities of class 1, both of the same shape. With
    ``p = np.clip(y_pred, eps, 1 - eps)`` the loss is the mean over all
    elements of::

        -(y_true * log(p) + (1 - y_true) * log(1 - p))

    The first term punishes a low ``p`` when the target is 1, the second a
    high ``p`` when the target is 0.

    >>> round(binary_cross_entropy([1.0, 0.0], [0.9, 0.2]), 4)   # -(log .9 + log .8) / 2
    0.1643

    Pitfalls:

    - Clip before the log: a prediction of exactly 0 or 1 makes ``log(0)``
      appear (even ``0 * log(0)`` is ``nan``, not 0).
    - Keep the order ``(y_true, y_pred)``: swapping them gives another number.
    - Both terms are needed, also the ``(1 - y_true) * log(1 - p)`` one.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError(
    ### STUB:     "binary_cross_entropy(y_true, y_pred, eps) is not written yet: "
    ### STUB:     "replace this line with your code"
    ### STUB: )
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(y_pred, dtype=np.float64), eps, 1.0 - eps)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))
    ### END SOLUTION


def categorical_cross_entropy(
    y_true: ArrayLike, y_pred: ArrayLike, eps: float = 1e-7
) -> float:
    """Categorical cross-entropy (교차 엔트로피) for one-hot targets.

    ``y_true`` holds one-hot targets and ``y_pred`` predicted probabilities
    (for example a softmax output), both of shape ``(n, C)``: ``n`` samples,
    ``C`` classes on the last axis. A single sample of shape ``(C,)`` is
    allowed too. The loss of one sample is::

        -sum over classes of y_true * log(clip(y_pred, eps, 1 - eps))

    which, for a one-hot ``y_true``, is ``-log`` of the probability given to
    the right class. Return the mean of these per-sample losses over the
    batch.

    >>> y_true = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    >>> y_pred = np.array([[0.1, 0.8, 0.1], [0.5, 0.3, 0.2]])
    >>> round(categorical_cross_entropy(y_true, y_pred), 4)   # -(log .8 + log .5) / 2
    0.4581
    >>> round(categorical_cross_entropy(y_true[0], y_pred[0]), 4)   # one sample: -log .8
    0.2231

    Pitfalls:

    - Sum over the classes (``axis=-1``), then average over the samples.
      ``np.mean`` of the whole ``(n, C)`` array divides by ``n * C``;
      ``np.sum`` of it does not divide by ``n`` at all.
    - ``axis=-1`` works for both ``(n, C)`` and ``(C,)``; ``axis=1`` fails
      for a single sample.
    - Clip before the log: probabilities of exactly 0 are common.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError(
    ### STUB:     "categorical_cross_entropy(y_true, y_pred, eps) is not written yet: "
    ### STUB:     "replace this line with your code"
    ### STUB: )
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(y_pred, dtype=np.float64), eps, 1.0 - eps)
    per_sample = -np.sum(y * np.log(p), axis=-1)
    return float(np.mean(per_sample))
    ### END SOLUTION


def sparse_categorical_cross_entropy(
    y_true: ArrayLike, y_pred: ArrayLike, eps: float = 1e-7
) -> float:
    """Cross-entropy (교차 엔트로피) with integer labels instead of one-hot rows.

    ``y_true`` holds ``n`` class numbers, shape ``(n,)``; ``y_pred`` holds
    probabilities, shape ``(n, C)``. The result is the same number as
    ``categorical_cross_entropy(one_hot(y_true, C), y_pred)``: the mean over
    the samples of ``-log(clip(y_pred[i, y_true[i]], eps, 1 - eps))``.

    >>> y_pred = np.array([[0.1, 0.8, 0.1], [0.5, 0.3, 0.2]])
    >>> round(sparse_categorical_cross_entropy(np.array([1, 0]), y_pred), 4)
    0.4581

    Pitfall: ``y_pred[labels]`` picks whole *rows* (sample number
    ``labels[i]``), not one probability per sample. Pair every row with its
    own label: ``y_pred[np.arange(n), labels]``.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError(
    ### STUB:     "sparse_categorical_cross_entropy(y_true, y_pred, eps) is not written yet: "
    ### STUB:     "replace this line with your code"
    ### STUB: )
    labels = np.asarray(y_true, dtype=np.int64)
    p = np.clip(np.asarray(y_pred, dtype=np.float64), eps, 1.0 - eps)
    picked = p[np.arange(labels.shape[0]), labels]
    return float(-np.mean(np.log(picked)))
    ### END SOLUTION


def entropy(p: ArrayLike, base: float = 2) -> float:
    """Entropy (엔트로피) of a probability distribution ``p``.

    ``H(p) = -sum_i p_i * log(p_i)``, with the logarithm in ``base``: base 2
    measures in bits, ``base=np.e`` in nats. ``p`` is one distribution (its
    values are >= 0 and sum to 1); the sum runs over all its elements.
    A fair coin has 1 bit of entropy, a fair four-sided die 2 bits, a sure
    outcome 0.

    >>> entropy([0.5, 0.5])
    1.0
    >>> entropy([0.25, 0.25, 0.25, 0.25])
    2.0
    >>> entropy([1.0, 0.0])
    0.0

    Pitfalls:

    - By definition ``0 * log(0) = 0``, but NumPy computes ``0 * -inf = nan``
      and warns "divide by zero encountered in log". Leave the zeros out
      (``p[p > 0]``) instead of computing their logarithm.
    - Use ``base``: ``log_b(x) = log(x) / log(b)``; ``np.log`` alone is base e.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("entropy(p, base) is not written yet: replace this line with your code")
    p = np.asarray(p, dtype=np.float64)
    nonzero = p[p > 0]
    h = -np.sum(nonzero * np.log(nonzero)) / np.log(base)
    # A sure outcome gives -0.0; adding 0.0 reports it as a plain 0.0.
    return float(h) + 0.0
    ### END SOLUTION
