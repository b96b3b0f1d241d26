"""Exercise: the perceptron (퍼셉트론), logic gates and the perceptron rule.

A perceptron is the smallest neural network: it multiplies its inputs by
weights (가중치), adds a bias (편향) and fires (outputs 1) when the total is
positive. In this exercise you will

1. write the step function (계단 함수) and the perceptron itself;
2. choose weights and biases that turn one perceptron into the logic gates
   (논리 게이트) AND, NAND and OR;
3. build XOR, which no single perceptron can compute, from two layers of gates;
4. let the computer find the weights with the perceptron learning rule.

Replace each ``raise NotImplementedError(...)`` line with your code; keep the
names and the signatures. Use NumPy only. Check your work with::

    autograde check perceptron

Every function must leave its input arrays unchanged.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def step(x: ArrayLike) -> NDArray[np.int64]:
    """Step function (계단 함수): 1 where ``x > 0``, 0 everywhere else.

    ``x`` is a number or an array of any shape. Return an integer array
    (dtype ``np.int64``) of the same shape as ``x``. For a plain number
    (shape ``()``) return a 0-d array, such as ``np.asarray(1, dtype=np.int64)``,
    not a Python ``int``.

    Note that ``x == 0`` gives 0: the step is ``x > 0``, not ``x >= 0``.

    Example:

    >>> step(np.array([-2.0, 0.0, 0.5, 3.0]))
    array([0, 0, 1, 1])
    >>> step(np.array([[1.5, -1.0], [0.0, 2.0]]))
    array([[1, 0],
           [0, 1]])
    >>> step(0.5)
    array(1)

    Pitfalls:

    - ``if x > 0: return 1`` works for one number but fails on arrays ("the
      truth value of an array ... is ambiguous"). Compare the whole array at
      once: ``x > 0`` is an array of booleans.
    - A boolean array is not an integer array. Convert it, e.g. with
      ``.astype(np.int64)`` or ``np.asarray(..., dtype=np.int64)``.
    - ``np.where(x > 0, 1.0, 0.0)`` gives floats, not integers.
    """
    ### BEGIN SOLUTION
    return np.asarray(np.asarray(x) > 0, dtype=np.int64)
    ### END SOLUTION


def perceptron(x: ArrayLike, w: ArrayLike, b: float) -> NDArray[np.int64]:
    """Perceptron (퍼셉트론): ``step(x @ w + b)``.

    - ``x``: one sample of shape ``(d,)``, or a batch of ``n`` samples,
      shape ``(n, d)`` (one sample per row).
    - ``w``: the weights (가중치), shape ``(d,)``.
    - ``b``: the bias (편향), a number.

    ``x @ w`` is the weighted sum ``x[0] * w[0] + ... + x[d-1] * w[d-1]``,
    computed for every row at once when ``x`` is a batch. The result has
    shape ``()`` for one sample and ``(n,)`` for a batch.

    Example:

    >>> w, b = np.array([1.0, -1.0]), 0.5
    >>> perceptron(np.array([1.0, 2.0]), w, b)   # 1 - 2 + 0.5 = -0.5
    array(0)
    >>> perceptron(np.array([[1.0, 2.0], [3.0, 1.0]]), w, b)
    array([0, 1])

    Pitfalls:

    - Do not forget ``+ b``: without the bias every decision line passes
      through the origin.
    - ``np.sum(x * w)`` is right for one sample but adds up the whole batch;
      ``x @ w`` handles both cases. Reuse your ``step``.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    return step(x @ w + b)
    ### END SOLUTION


# Logic gates (논리 게이트) as perceptrons: for each gate, choose the weights
# w = np.array([w1, w2]) and the bias b so that perceptron([x1, x2], w, b)
# gives the gate's truth table (see AND, NAND and OR below). Keep w a float
# array of shape (2,) and b a float.
GATES: dict[str, tuple[NDArray[np.float64], float]] = {
    ### BEGIN SOLUTION
    ### STUB: "AND": (np.zeros(2), 0.0),  # TODO: choose weights and bias
    ### STUB: "NAND": (np.zeros(2), 0.0),  # TODO: choose weights and bias
    ### STUB: "OR": (np.zeros(2), 0.0),  # TODO: choose weights and bias
    "AND": (np.array([0.5, 0.5]), -0.7),
    "NAND": (np.array([-0.5, -0.5]), 0.7),
    "OR": (np.array([0.5, 0.5]), -0.2),
    ### END SOLUTION
}


### BEGIN SOLUTION
def _gate(name: str, x1: ArrayLike, x2: ArrayLike) -> NDArray[np.int64]:
    """Apply the perceptron ``GATES[name]`` element-wise to ``x1`` and ``x2``."""
    w, b = GATES[name]
    x = np.stack([np.asarray(x1), np.asarray(x2)], axis=-1)
    return perceptron(x, w, b)
### END SOLUTION


def AND(x1: ArrayLike, x2: ArrayLike) -> NDArray[np.int64]:
    """AND gate: 1 only when both inputs are 1.

    ====  ====  ===
    x1    x2    AND
    ====  ====  ===
    0     0     0
    0     1     0
    1     0     0
    1     1     1
    ====  ====  ===

    Compute it with your ``perceptron`` and ``GATES["AND"]`` (choose those
    weights first). ``x1`` and ``x2`` are 0/1 numbers, or two arrays of the
    same shape; then the gate works element by element and the result has
    that shape. ``np.stack([x1, x2], axis=-1)`` puts the two inputs side by
    side on a new last axis, ready for ``perceptron``.

    Example (after you have chosen the weights):

    >>> AND(1, 1)
    array(1)
    >>> AND(np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1]))
    array([0, 0, 0, 1])

    Hint: with ``w = [w1, w2]`` you need ``b <= 0``, ``w1 + b <= 0``,
    ``w2 + b <= 0`` and ``w1 + w2 + b > 0``. Many choices work.
    Return 0/1 integers, not the weighted sum itself.
    """
    ### BEGIN SOLUTION
    return _gate("AND", x1, x2)
    ### END SOLUTION


def NAND(x1: ArrayLike, x2: ArrayLike) -> NDArray[np.int64]:
    """NAND gate ("not AND"): 0 only when both inputs are 1.

    ====  ====  ====
    x1    x2    NAND
    ====  ====  ====
    0     0     1
    0     1     1
    1     0     1
    1     1     0
    ====  ====  ====

    Same shapes as ``AND``; use ``perceptron`` with ``GATES["NAND"]``.

    >>> NAND(np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1]))
    array([1, 1, 1, 0])

    Hint: NAND is AND turned upside down. What happens to AND's weighted
    sums when you flip the sign of every weight and of the bias? (Watch a
    sum of exactly 0: ``step(0)`` is 0 either way.)
    """
    ### BEGIN SOLUTION
    return _gate("NAND", x1, x2)
    ### END SOLUTION


def OR(x1: ArrayLike, x2: ArrayLike) -> NDArray[np.int64]:
    """OR gate: 1 when at least one input is 1.

    ====  ====  ==
    x1    x2    OR
    ====  ====  ==
    0     0     0
    0     1     1
    1     0     1
    1     1     1
    ====  ====  ==

    Same shapes as ``AND``; use ``perceptron`` with ``GATES["OR"]``.

    >>> OR(np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1]))
    array([0, 1, 1, 1])

    Hint: the same weights as AND can work; only the bias (편향) must change.
    """
    ### BEGIN SOLUTION
    return _gate("OR", x1, x2)
    ### END SOLUTION


def XOR(x1: ArrayLike, x2: ArrayLike) -> NDArray[np.int64]:
    """XOR gate ("exclusive or"): 1 when exactly one input is 1.

    ====  ====  ===
    x1    x2    XOR
    ====  ====  ===
    0     0     0
    0     1     1
    1     0     1
    1     1     0
    ====  ====  ===

    No single perceptron can do this: no straight line separates the points
    (0, 1) and (1, 0) from (0, 0) and (1, 1). Stack two layers instead: feed
    the outputs of two gates into a third one, using only ``AND``, ``NAND``
    and ``OR``. Same shapes as ``AND``.

    >>> XOR(np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1]))
    array([0, 1, 1, 0])

    Hint: write the NAND and OR columns next to the XOR column of the table.
    Which gate combines those two columns into XOR?
    """
    ### BEGIN SOLUTION
    return AND(NAND(x1, x2), OR(x1, x2))
    ### END SOLUTION


def train_perceptron(
    X: ArrayLike,
    y: ArrayLike,
    lr: float = 0.1,
    epochs: int = 100,
    seed: int = 0,
) -> tuple[NDArray[np.float64], float]:
    """Learn the weights (가중치) and bias (편향) with the perceptron rule.

    - ``X``: the training samples, shape ``(n, d)``.
    - ``y``: their 0/1 labels, shape ``(n,)``.
    - ``lr``: the learning rate (학습률), how far one correction moves.
    - ``epochs``: the largest number of epochs (에폭); one epoch is one pass
      over all ``n`` samples.
    - ``seed``: makes the random visiting order repeatable.

    Returns ``(w, b)``: ``w`` a float64 array of shape ``(d,)``, ``b`` a
    Python float.

    The algorithm, exactly (the grader checks the resulting numbers):

    1. Start from ``w = np.zeros(d)`` and ``b = 0.0``, and create
       ``rng = np.random.default_rng(seed)`` once, before the first epoch.
    2. Each epoch, visit the samples in the order ``rng.permutation(n)``.
       For sample ``i``, predict ``step(X[i] @ w + b)``. If the prediction
       is wrong, correct the weights and the bias::

           w = w + lr * (y[i] - prediction) * X[i]
           b = b + lr * (y[i] - prediction)

       and count the mistake.
    3. Stop after an epoch with no mistakes (every sample is classified
       correctly), or after ``epochs`` epochs.

    Example: one sample ``X = [[1.0, 2.0]]`` with label 1. The first
    prediction is ``step(0) = 0``, a mistake, so ``w`` moves by
    ``0.1 * (1 - 0) * [1, 2]`` and ``b`` by ``0.1``. The second epoch has no
    mistake and training stops:

    >>> w, b = train_perceptron(np.array([[1.0, 2.0]]), np.array([1]))
    >>> w, round(b, 10)
    (array([0.1, 0.2]), 0.1)

    On linearly separable data (a straight line, or a plane, can split the
    classes) this rule always ends with every training sample correct.

    Pitfalls:

    - The correction is ``(y[i] - prediction)``, not ``(prediction - y[i])``:
      the wrong sign pushes the weights away from the answer.
    - Update the bias too, not only ``w``.
    - ``w += ...`` changes the array ``w`` in place, which is fine for your
      own ``w``; never change ``X`` or ``y`` in place (no ``X -= ...``,
      no ``X /= ...``).
    - Create the random generator once; a new one every epoch would repeat
      the same order.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError(
    ### STUB:     "train_perceptron(X, y, ...) is not written yet: replace this line with your code"
    ### STUB: )
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
    ### END SOLUTION
