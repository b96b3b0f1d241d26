"""Exercise: a two-layer network trained by backpropagation (오차역전파법).

You will build, in NumPy only, the network

    X --affine(W1, b1)--> A1 --relu or sigmoid--> Z1 --affine(W2, b2)--> S --softmax--> P

and its loss, the mean cross-entropy (교차 엔트로피 오차) of the true labels. Then
you will compute the gradient of that loss with respect to every weight twice:
by backpropagation (fast, exact) and by numerical differentiation (수치 미분: slow,
but obviously right), and check that the two agree: the gradient check
(기울기 확인). Finally you will train the network with mini-batch stochastic
gradient descent (확률적 경사 하강법) on 8x8 images of hand-written digits.

Shapes, used everywhere below:

- ``X``: float array ``(n, d)``, one sample (표본) per row;
- ``y``: integer labels ``(n,)``, each in ``0 .. C-1`` (not one-hot);
- ``params``: a dict of four float64 arrays, the network's parameters (매개변수)::

      params["W1"]  (d, H)   weights of the hidden layer (은닉층)
      params["b1"]  (H,)     biases of the hidden layer
      params["W2"]  (H, C)   weights of the output layer (출력층)
      params["b2"]  (C,)     biases of the output layer

  with ``d`` inputs, ``H`` hidden units and ``C`` classes.
- ``activation``: ``"relu"`` or ``"sigmoid"``, the hidden layer's activation
  function (활성화 함수). Any other value raises ``ValueError``.

Rules for every function here:

- Never change ``params``, ``X`` or ``y``: no ``params["W1"] -= ...``, no
  ``X[X < 0] = 0``. Build new arrays (``W - lr * dW``) and new dicts.
- Return float64 arrays (labels from ``predict``: integers).
- Use NumPy only, and no randomness except ``np.random.default_rng(seed)``.

Replace each ``raise NotImplementedError(...)`` line with your code; keep the
names and the signatures. You may add helper functions of your own. Check your
work with::

    autograde check backprop
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

Params = dict[str, NDArray[np.float64]]

### BEGIN SOLUTION
KEYS = ("W1", "b1", "W2", "b2")
### END SOLUTION


def init_params(
    input_size: int,
    hidden_size: int,
    output_size: int,
    weight_scale: float = 0.01,
    seed: int = 0,
) -> Params:
    """Create the parameters of a network with ``input_size`` inputs (``d``),
    ``hidden_size`` hidden units (``H``) and ``output_size`` classes (``C``).

    Return ``{"W1": (d, H), "b1": (H,), "W2": (H, C), "b2": (C,)}``:

    - the weights (가중치) are small random numbers from a normal distribution
      with mean 0 and standard deviation ``weight_scale``, drawn from ONE
      generator ``rng = np.random.default_rng(seed)``: first
      ``W1 = rng.normal(0, weight_scale, size=(d, H))``, then
      ``W2 = rng.normal(0, weight_scale, size=(H, C))``, in that order (the
      grader compares the exact values);
    - the biases (편향) are zeros: ``np.zeros(H)`` and ``np.zeros(C)``.

    >>> p = init_params(3, 4, 2, seed=1)
    >>> {key: value.shape for key, value in p.items()}
    {'W1': (3, 4), 'b1': (4,), 'W2': (4, 2), 'b2': (2,)}
    >>> p["b1"]
    array([0., 0., 0., 0.])

    Pitfall: drawing ``W2`` before ``W1``, or making a second generator for
    ``W2``, gives different (equally random) numbers that do not match.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("init_params is not written yet: replace this line with your code")
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(0.0, weight_scale, size=(input_size, hidden_size)),
        "b1": np.zeros(hidden_size),
        "W2": rng.normal(0.0, weight_scale, size=(hidden_size, output_size)),
        "b2": np.zeros(output_size),
    }
    ### END SOLUTION


### BEGIN SOLUTION
def _activation(activation: str) -> str:
    if activation not in ("relu", "sigmoid"):
        raise ValueError(f"activation must be 'relu' or 'sigmoid', not {activation!r}")
    return activation


def _sigmoid(x: NDArray[np.float64]) -> NDArray[np.float64]:
    # exp(-|x|) never overflows; the two branches are the sigmoid written with it.
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _scores(params: Params, X: ArrayLike, activation: str) -> tuple[NDArray[np.float64], ...]:
    """The forward pass, keeping what backpropagation needs: ``(X, A1, Z1, S)``.

    ``A1 = X @ W1 + b1`` (pre-activation), ``Z1`` the hidden activations and
    ``S = Z1 @ W2 + b2`` the class scores (logits).
    """
    act = _activation(activation)
    X = np.asarray(X, dtype=np.float64)
    A1 = X @ params["W1"] + params["b1"]
    Z1 = np.maximum(A1, 0.0) if act == "relu" else _sigmoid(A1)
    S = Z1 @ params["W2"] + params["b2"]
    return X, A1, Z1, S


def _log_softmax(S: NDArray[np.float64]) -> NDArray[np.float64]:
    """``log(softmax(S))`` row by row, exact and finite for scores of any size."""
    shifted = S - np.max(S, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))
### END SOLUTION


def forward(params: Params, X: ArrayLike, activation: str = "relu") -> NDArray[np.float64]:
    """Forward pass (순전파): the class probabilities ``P``, shape ``(n, C)``.

    ::

        A1 = X @ W1 + b1                      (n, H)   affine layer (Affine 계층)
        Z1 = relu(A1)  or  sigmoid(A1)        (n, H)   activation
        S  = Z1 @ W2 + b2                     (n, C)   scores (logits)
        P  = softmax(S), row by row           (n, C)   each row sums to 1

    ``relu(a) = max(0, a)``; ``sigmoid(a) = 1 / (1 + exp(-a))``;
    ``softmax(s)_k = exp(s_k) / sum_j exp(s_j)`` along each row.

    >>> p = {"W1": np.eye(2), "b1": np.zeros(2), "W2": np.eye(2), "b2": np.zeros(2)}
    >>> forward(p, np.array([[0.0, np.log(3.0)]]))
    array([[0.25, 0.75]])

    Pitfalls:

    - Stability: scores of 1000 make ``np.exp`` overflow to ``inf`` and
      ``inf / inf`` is ``nan``. Subtract each row's largest score first:
      ``np.exp(S - S.max(axis=1, keepdims=True))`` gives the same softmax.
      The grader tries scores in the thousands.
    - The sum of the softmax is over each row (``axis=1, keepdims=True``),
      not over the whole batch.
    - Raise ``ValueError`` for an ``activation`` other than "relu" and "sigmoid".
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("forward is not written yet: replace this line with your code")
    return np.exp(_log_softmax(_scores(params, X, activation)[3]))
    ### END SOLUTION


def loss(params: Params, X: ArrayLike, y: ArrayLike, activation: str = "relu") -> float:
    """The mean cross-entropy (교차 엔트로피 오차) of the labels ``y``: a float.

    With ``P = forward(params, X, activation)``::

        loss = mean over i of  -log(P[i, y[i]])

    ``P[np.arange(n), y]`` picks each sample's probability of its own label.

    >>> p = {"W1": np.eye(2), "b1": np.zeros(2), "W2": np.eye(2), "b2": np.zeros(2)}
    >>> round(loss(p, np.array([[0.0, np.log(3.0)]]), np.array([1])), 4)   # -log(0.75)
    0.2877

    Stability: with very confident wrong scores a probability underflows to
    exactly 0, and ``log(0)`` is ``-inf``. The loss must stay a finite number
    (no ``inf``, no ``nan``, no warning). Two ways are accepted:

    - log-softmax (exact; what the reference does): with ``m`` the row's largest
      score, ``log P[i, k] = S[i, k] - m - log(sum_j exp(S[i, j] - m))``;
    - the textbook's guard: ``-log(P[i, y[i]] + 1e-7)`` (or clipping ``P`` to
      at least ``1e-7``). The grader compares the value with the exact loss only
      where the true class's probability is far above ``1e-7``, where both agree.

    Pitfall: ``np.sum`` instead of ``np.mean`` makes the loss grow with the batch.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("loss is not written yet: replace this line with your code")
    log_p = _log_softmax(_scores(params, X, activation)[3])
    y = np.asarray(y, dtype=np.int64)
    return float(-np.mean(log_p[np.arange(len(y)), y]))
    ### END SOLUTION


def gradients(params: Params, X: ArrayLike, y: ArrayLike, activation: str = "relu") -> Params:
    """Backpropagation (오차역전파법): the gradient of ``loss`` for every parameter.

    Return a new dict with the keys of ``params``; each gradient has the shape
    of its parameter (``dW1`` is ``(d, H)``, ``db1`` is ``(H,)``, ...). Do the
    forward pass, keeping ``A1``, ``Z1`` and ``P``, then go backward, layer by
    layer, from the loss to the input (the chain rule, 연쇄 법칙)::

        dS  = (P - one_hot(y)) / n           (n, C)  softmax + cross-entropy together
        dW2 = Z1.T @ dS                      (H, C)
        db2 = dS.sum(axis=0)                 (C,)
        dZ1 = dS @ W2.T                      (n, H)
        dA1 = dZ1 * (A1 > 0)                 (n, H)  relu: pass the gradient where A1 > 0
            = dZ1 * Z1 * (1 - Z1)                    sigmoid: s' = s (1 - s), s = Z1
        dW1 = X.T @ dA1                      (d, H)
        db1 = dA1.sum(axis=0)                (H,)

    ``P - one_hot(y)`` is ``P`` with 1 subtracted at each sample's label:
    ``dS = P.copy(); dS[np.arange(n), y] -= 1``.

    Pitfalls:

    - ``/ n``: the loss is a mean over the batch, so its gradient is too.
    - The ReLU mask comes from the forward pass's input ``A1`` (``A1 > 0``); it
      is not ``relu(A1)`` and not the incoming gradient's sign.
    - The sigmoid's derivative is ``Z1 * (1 - Z1)``, not ``Z1``.
    - A bias is added to every sample, so its gradient is summed over the batch
      (``axis=0``): shape ``(H,)``, not ``(n, H)``.
    - ``X.T @ dA1``, not ``X @ dA1`` or ``dA1.T @ X``: a gradient has its
      parameter's shape.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("gradients is not written yet: replace this line with your code")
    X, A1, Z1, S = _scores(params, X, activation)
    y = np.asarray(y, dtype=np.int64)
    n = X.shape[0]
    dS = np.exp(_log_softmax(S))  # softmax with cross-entropy: (p - onehot) / n
    dS[np.arange(n), y] -= 1.0
    dS /= n
    dZ1 = dS @ params["W2"].T
    if activation == "relu":
        dA1 = dZ1 * (A1 > 0)
    else:
        dA1 = dZ1 * Z1 * (1.0 - Z1)
    return {
        "W1": X.T @ dA1,
        "b1": dA1.sum(axis=0),
        "W2": Z1.T @ dS,
        "b2": dS.sum(axis=0),
    }
    ### END SOLUTION


def numerical_gradients(
    params: Params,
    X: ArrayLike,
    y: ArrayLike,
    activation: str = "relu",
    h: float = 1e-4,
) -> Params:
    """Numerical gradients (수치 미분) of ``loss`` by central differences.

    For every element ``p`` of every parameter, with everything else fixed::

        dp = (loss(p + h) - loss(p - h)) / (2 * h)      (중심 차분)

    Return a dict of the same keys and shapes as ``params``. It needs two
    loss evaluations per parameter element (slow: use it on small networks,
    to check ``gradients``).

    Work on copies (``{k: v.copy() for k, v in params.items()}``), or, when you
    change an element in place, put the saved value back before the next one:
    ``params`` must be exactly as it was when the function returns.

    Pitfalls:

    - ``(loss(p + h) - loss(p)) / h`` (the forward difference, 전방 차분) is
      off by about ``h``; the central difference is far more accurate.
    - Use the ``h`` argument.
    - Without ``.copy()``, ``plus = params`` is the very same dict: a change to
      ``plus["W1"]`` changes ``params["W1"]``.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("numerical_gradients is not written yet: replace this line with your code")
    _activation(activation)
    work = {key: np.array(value, dtype=np.float64) for key, value in params.items()}
    grads = {}
    for key in KEYS:
        array = work[key]
        grad = np.zeros_like(array)
        for index in np.ndindex(array.shape):
            old = array[index]
            array[index] = old + h
            plus = loss(work, X, y, activation)
            array[index] = old - h
            minus = loss(work, X, y, activation)
            array[index] = old
            grad[index] = (plus - minus) / (2.0 * h)
        grads[key] = grad
    return grads
    ### END SOLUTION


def predict(params: Params, X: ArrayLike, activation: str = "relu") -> NDArray[np.int64]:
    """The predicted class of every sample: integer labels, shape ``(n,)``.

    The class with the largest probability, ``np.argmax(P, axis=1)`` (the
    largest score gives the same class: softmax keeps the order).

    >>> p = {"W1": np.eye(2), "b1": np.zeros(2), "W2": np.eye(2), "b2": np.zeros(2)}
    >>> predict(p, np.array([[0.0, 1.0], [2.0, 1.0]]))
    array([1, 0])

    Pitfall: return the labels, not the probabilities, and use ``axis=1``
    (one answer per row), not the index into the whole flattened array.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("predict is not written yet: replace this line with your code")
    return np.argmax(_scores(params, X, activation)[3], axis=-1).astype(np.int64)
    ### END SOLUTION


def train(
    X: ArrayLike,
    y: ArrayLike,
    hidden_size: int = 50,
    lr: float = 0.5,
    epochs: int = 20,
    batch_size: int = 32,
    seed: int = 0,
    activation: str = "relu",
) -> Params:
    """Train the network by mini-batch stochastic gradient descent; return ``params``.

    1. ``params = init_params(d, hidden_size, C, seed=seed)`` with ``d =
       X.shape[1]`` and ``C = max(y) + 1`` classes (default ``weight_scale``).
    2. Make one generator ``rng = np.random.default_rng(seed)``. For each of
       ``epochs`` epochs (에폭), shuffle with ``order = rng.permutation(n)`` and
       walk through it in mini-batches (미니배치) of ``batch_size`` samples
       (the last one may be smaller).
    3. For each batch, compute ``gradients`` on that batch and update every
       parameter, the biases included: ``params[key] - lr * grads[key]``.

    The grader checks two full-batch steps (``batch_size >= n``) exactly, and
    that the network trained on about 1,400 digits (8x8 pixels, ``d = 64``,
    ``C = 10``) with ``hidden_size=50, lr=0.5, epochs=20, batch_size=32``
    classifies at least 90% of 400 other digits correctly. That takes well
    under a second with vectorised code.

    Pitfalls:

    - Do not change ``X`` or ``y`` (shuffle an index array, not the data).
    - Use ``gradients`` (backprop) here, not ``numerical_gradients``: the latter
      computes the loss twice per weight, thousands of times per step.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("train is not written yet: replace this line with your code")
    _activation(activation)
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.int64)
    n = X.shape[0]
    params = init_params(X.shape[1], hidden_size, int(y.max()) + 1, seed=seed)
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            batch = order[start:start + batch_size]
            grads = gradients(params, X[batch], y[batch], activation)
            params = {key: params[key] - lr * grads[key] for key in KEYS}
    return params
    ### END SOLUTION
