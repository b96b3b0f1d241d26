"""Exercise: activation functions (활성화 함수) and their derivatives.

An activation function is the non-linear step between two layers of a neural
network; without one, any stack of layers collapses into a single linear map.
In this exercise you will write the common activations (sigmoid, tanh, ReLU,
leaky ReLU, softmax) and the derivatives that backpropagation needs, paying
attention to what goes wrong with very large inputs.

Rules for every function here:

- ``x`` is a number, a list or an array of any shape; start with
  ``x = np.asarray(x, dtype=np.float64)`` so that integers become floats.
- Return a float64 array of the same shape as ``x``: the functions work
  element by element (softmax: along one axis).
- Never change ``x`` itself (no ``x[x < 0] = 0``, no ``x -= ...``); build a
  new array instead.

Replace each ``raise NotImplementedError(...)`` line with your code; keep the
names and the signatures. Use NumPy only. Check your work with::

    autograde check activations
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def identity(x: ArrayLike) -> NDArray[np.float64]:
    """Identity: return ``x`` unchanged.

    >>> identity([1, -2, 3])
    array([ 1., -2.,  3.])

    For integer input, returning the integers as they are and returning them
    as float64 (as here) are both right; float input must stay float.
    ``np.array(x, dtype=np.float64)`` makes a float64 copy, which also turns a
    list into an array.
    """
    ### BEGIN SOLUTION
    return np.array(x, dtype=np.float64)
    ### END SOLUTION


def sigmoid(x: ArrayLike) -> NDArray[np.float64]:
    """Sigmoid (시그모이드): ``1 / (1 + exp(-x))``, a smooth step from 0 to 1.

    ``sigmoid(0) = 0.5``; large positive ``x`` gives values close to 1, large
    negative ``x`` values close to 0.

    >>> np.round(sigmoid(np.array([-2.0, 0.0, 2.0])), 4)
    array([0.1192, 0.5   , 0.8808])

    Pitfall (overflow): for ``x = -1000`` the formula computes
    ``exp(1000)``, which is too large for a float64: NumPy prints
    "RuntimeWarning: overflow encountered in exp". Your function must work
    for any finite input without that warning (the grader tries
    ``x = -1000`` and ``x = -1e300``).

    Hint: ``e = np.exp(-np.abs(x))`` never overflows (it lies in ``(0, 1]``).
    For ``x >= 0`` the sigmoid is ``1 / (1 + e)``; for ``x < 0`` multiply
    the top and the bottom of ``1 / (1 + exp(-x))`` by ``exp(x)`` to get
    ``e / (1 + e)``. ``np.where(condition, a, b)`` picks between two arrays.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    ### END SOLUTION


def tanh(x: ArrayLike) -> NDArray[np.float64]:
    """Hyperbolic tangent (하이퍼볼릭 탄젠트): ``(e^x - e^-x) / (e^x + e^-x)``.

    Like the sigmoid, but from -1 to 1 and centred on 0: ``tanh(0) = 0``.

    >>> np.round(tanh(np.array([-1.0, 0.0, 1.0])), 4)
    array([-0.7616,  0.    ,  0.7616])

    Pitfall: writing the formula with ``np.exp`` overflows for large ``|x|``
    (``inf / inf`` is ``nan``). NumPy has a stable ``np.tanh``: use it.
    """
    ### BEGIN SOLUTION
    return np.tanh(np.asarray(x, dtype=np.float64))
    ### END SOLUTION


def relu(x: ArrayLike) -> NDArray[np.float64]:
    """ReLU (렐루, rectified linear unit): ``max(0, x)`` element by element.

    >>> relu(np.array([-2.0, 0.0, 3.0]))
    array([0., 0., 3.])

    Pitfalls:

    - Python's ``max(0, x)`` does not work on arrays; ``np.maximum`` compares
      element by element (``np.max`` is something else: the largest element).
    - ``x[x < 0] = 0`` changes the caller's array. Build a new one.
    - For integer input, an integer result (``np.maximum(0, x)``, the
      textbook's) and a float64 result are both right; float input must
      stay float.
    """
    ### BEGIN SOLUTION
    return np.maximum(np.asarray(x, dtype=np.float64), 0.0)
    ### END SOLUTION


def leaky_relu(x: ArrayLike, alpha: float = 0.01) -> NDArray[np.float64]:
    """Leaky ReLU: ``x`` where ``x > 0``, else ``alpha * x``.

    Negative inputs keep a small slope ``alpha`` instead of becoming 0, so a
    neuron never stops learning completely.

    >>> leaky_relu(np.array([-10.0, 0.0, 5.0]))
    array([-0.1,  0. ,  5. ])
    >>> leaky_relu(np.array([-10.0, 5.0]), alpha=0.2)
    array([-2.,  5.])

    Pitfall: use the ``alpha`` argument; do not write 0.01 into the formula.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, alpha * x)
    ### END SOLUTION


def softmax(x: ArrayLike, axis: int = -1) -> NDArray[np.float64]:
    """Softmax (소프트맥스): turn scores ("logits") into probabilities.

    Along ``axis``: ``softmax(x)_i = exp(x_i) / sum_j exp(x_j)``. Every value
    is in ``(0, 1)`` and every slice along ``axis`` sums to 1. The default
    ``axis=-1`` is the last axis: for a batch of logits of shape ``(n, C)``
    (one row per sample, one column per class) each row becomes a
    probability distribution over the ``C`` classes. A 1-D ``x`` is a single
    sample. The output has the shape of ``x``.

    >>> np.round(softmax(np.array([1.0, 2.0, 3.0])), 4)
    array([0.09  , 0.2447, 0.6652])
    >>> softmax(np.array([[0.0, 0.0], [0.0, np.log(3.0)]]))
    array([[0.5 , 0.5 ],
           [0.25, 0.75]])

    Pitfalls:

    - Overflow: ``exp(1000)`` is ``inf`` and ``inf / inf`` is ``nan``.
      Subtract the largest logit of each slice first:
      ``exp(x - m) / sum(exp(x - m))`` is the same softmax, and every
      exponent is now at most ``exp(0) = 1``.
    - Wrong axis: ``np.sum(e)`` adds up the whole batch. Pass ``axis=axis``
      to ``np.max`` and ``np.sum``, and ``keepdims=True`` so that the result
      of shape ``(n, 1)`` broadcasts against ``(n, C)``.
    - Use the ``axis`` argument; do not write ``axis=1`` or ``axis=-1``
      into the body.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("softmax(x, axis) is not written yet: replace this line with your code")
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)
    ### END SOLUTION


def sigmoid_grad(x: ArrayLike) -> NDArray[np.float64]:
    """Derivative of the sigmoid at ``x``: ``s * (1 - s)`` with ``s = sigmoid(x)``.

    The largest slope is at 0: ``sigmoid_grad(0) = 0.25``.

    >>> sigmoid_grad(np.array([0.0]))
    array([0.25])

    Pitfall: ``x * (1 - x)`` is the formula written with the sigmoid's
    *output*; here you are given the *input* ``x``, so compute ``s`` first
    (reuse your ``sigmoid``).
    """
    ### BEGIN SOLUTION
    s = sigmoid(x)
    return s * (1.0 - s)
    ### END SOLUTION


def tanh_grad(x: ArrayLike) -> NDArray[np.float64]:
    """Derivative of tanh at ``x``: ``1 - tanh(x) ** 2``.

    >>> np.round(tanh_grad(np.array([0.0, 1.0])), 4)
    array([1.  , 0.42])

    Pitfall: the tanh is squared; ``1 - tanh(x)`` is a different function.
    """
    ### BEGIN SOLUTION
    return 1.0 - tanh(x) ** 2
    ### END SOLUTION


def relu_grad(x: ArrayLike) -> NDArray[np.float64]:
    """Derivative of ReLU at ``x``: 1.0 where ``x > 0``, 0.0 where ``x < 0``.

    At exactly ``x == 0`` ReLU has no derivative; either 0.0 or 1.0 is
    accepted there, so choose one. Return floats, not booleans.

    >>> relu_grad(np.array([-2.0, 3.0]))
    array([0., 1.])

    Pitfall: the derivative of ``relu`` is not ``relu`` itself; for
    ``x = 3`` the slope is 1, not 3.
    """
    ### BEGIN SOLUTION
    return np.where(np.asarray(x) > 0, 1.0, 0.0)
    ### END SOLUTION


def leaky_relu_grad(x: ArrayLike, alpha: float = 0.01) -> NDArray[np.float64]:
    """Derivative of leaky ReLU at ``x``: 1.0 where ``x > 0``, else ``alpha``.

    At exactly ``x == 0`` either 1.0 or ``alpha`` is accepted, so choose
    one.

    >>> leaky_relu_grad(np.array([-3.0, 2.0]), alpha=0.2)
    array([0.2, 1. ])

    Pitfall: for negative ``x`` the slope is ``alpha``, not 0 and not
    ``alpha * x``.
    """
    ### BEGIN SOLUTION
    return np.where(np.asarray(x) > 0, 1.0, alpha).astype(np.float64)
    ### END SOLUTION
