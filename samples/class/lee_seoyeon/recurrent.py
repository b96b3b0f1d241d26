"""Exercise: embeddings and recurrent networks in NumPy (임베딩, 순환 신경망).

A recurrent network (순환 신경망, RNN) reads a sequence one time step (시각) at a
time and keeps a hidden state (은닉 상태) that summarises what it has read so far.
You will build, in NumPy only:

- an embedding (임베딩) that turns word ids into vectors, and its backward pass;
- the Elman RNN (the plain, "vanilla" RNN): one step, a whole sequence, and
  backpropagation through time (BPTT, 시간 방향 오차역전파);
- the LSTM (장단기 메모리, long short-term memory): one step and a whole
  sequence, with the weights laid out exactly as Keras stores them;
- gradient clipping (기울기 클리핑) by the global norm, the usual cure for
  exploding gradients (기울기 폭발).

Shapes, used everywhere below::

    N   samples in a batch (배치)          T   time steps
    D   features of one input vector      H   hidden units
    V   vocabulary size (어휘 수): the number of different ids

    ids  (N, T)      integer word ids, each in 0 .. V-1
    xs   (N, T, D)   a batch of input sequences; xs[:, t] is step t, shape (N, D)
    h0   (N, H)      the hidden state before the first step
    hs   (N, T, H)   the hidden state after every step; hs[:, t] is (N, H)
    Wx   (D, H)      input-to-hidden weights          (LSTM: (D, 4H))
    Wh   (H, H)      hidden-to-hidden (recurrent) weights (LSTM: (H, 4H))
    b    (H,)        bias (편향)                        (LSTM: (4H,))

Samples come first and time second, as in Keras, in the textbook 밑바닥부터
시작하는 딥러닝 2, and in PyTorch with ``batch_first=True``.

What a backward function computes. A layer's backward pass (역전파) gets
``dout``, the gradient of the loss with respect to the layer's output, and
returns the gradients with respect to the layer's inputs and weights (the chain
rule, 연쇄 법칙). Said without a loss: it returns the gradient of the single
number ``sum(out * dout)``, since the derivative of that sum with respect to
``out`` is exactly ``dout``. That is also how to check a backward numerically
(기울기 확인), by central differences (중심 차분) of the forward pass::

    def f():                                  # the number whose gradient we want
        return np.sum(rnn_forward(xs, h0, Wx, Wh, b) * dhs)

    numeric = np.zeros_like(Wx)
    for index in np.ndindex(Wx.shape):
        saved = Wx[index]
        Wx[index] = saved + 1e-5; plus = f()
        Wx[index] = saved - 1e-5; minus = f()
        Wx[index] = saved                      # put it back!
        numeric[index] = (plus - minus) / 2e-5
    # rnn_backward(dhs, xs, h0, Wx, Wh, b)["Wx"] should agree with numeric
    # to about 1e-8 (relative); a mistake gives 1e-2 or worse.

(Do this on copies of your arrays: the functions you write must not change
their inputs.) The grader does exactly this with small random arrays.

Rules for every function here:

- Never change an input array: no ``dhs[:, t] += ...``, no ``grads[k] *= ...``.
  Build new arrays and new dicts.
- Return float64 arrays. Use NumPy only, no randomness.

Replace each ``raise NotImplementedError(...)`` line with your code; keep the
names and the signatures. You may add helper functions of your own. Check your
work with::

    autograde check recurrent
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

Grads = dict[str, NDArray[np.float64]]


def _floats(*arrays: ArrayLike) -> list[NDArray[np.float64]]:
    return [np.asarray(a, dtype=np.float64) for a in arrays]


def _sigmoid(x: NDArray[np.float64]) -> NDArray[np.float64]:
    # exp(-|x|) never overflows; the two branches are the sigmoid written with it.
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def embedding_forward(ids: ArrayLike, W: ArrayLike) -> NDArray[np.float64]:
    """Embedding (임베딩): the rows of ``W`` picked by ``ids``, ``W[ids]``.

    ``W`` is ``(V, D)``: one row, one vector of ``D`` numbers, per word id. ``ids``
    is an integer array of any shape with values in ``0 .. V-1``; the result has
    shape ``ids.shape + (D,)``, as float64: ``(N, T)`` ids give ``(N, T, D)``
    vectors, ready for ``rnn_forward``.

    >>> W = np.array([[0.0, 0.1], [1.0, 1.1], [2.0, 2.1]])    # V = 3, D = 2
    >>> embedding_forward(np.array([2, 0, 2]), W)
    array([[2. , 2.1],
           [0. , 0.1],
           [2. , 2.1]])
    >>> embedding_forward(np.array([[1, 2, 0], [0, 0, 1]]), W).shape
    (2, 3, 2)

    Why a lookup is a layer: with ``one_hot(ids)`` the ``(.., V)`` rows of zeros
    with a single 1 at each id, ``W[ids]`` equals ``one_hot(ids) @ W`` (the
    1 picks one row). So an embedding is a fully connected layer without bias
    whose inputs are one-hot vectors, computed without ever building them: a
    lookup costs ``D`` numbers per id instead of a ``V``-long product.
    """
    return np.asarray(W, dtype=np.float64)[np.asarray(ids, dtype=np.int64)]


def embedding_backward(dout: ArrayLike, ids: ArrayLike, vocab_size: int) -> NDArray[np.float64]:
    """The gradient of ``sum(embedding_forward(ids, W) * dout)`` with respect to ``W``.

    ``dout`` has the forward output's shape, ``ids.shape + (D,)``; the result
    ``dW`` has ``W``'s shape, ``(vocab_size, D)``. Row ``v`` of ``dW`` is the sum
    of the ``dout`` rows at every place where ``ids == v``: a word used three
    times in the batch gets three contributions (a repeated id ACCUMULATES), and
    the row of a word that does not occur is zero. (With the one-hot view,
    ``dW = one_hot(ids).T @ dout``: that sum.)

    >>> dout = np.array([[1.0, 1.0], [10.0, 10.0], [100.0, 100.0]])
    >>> embedding_backward(dout, np.array([2, 0, 2]), 4)
    array([[ 10.,  10.],
           [  0.,   0.],
           [101., 101.],
           [  0.,   0.]])

    Pitfall (the one everybody hits): ``dW[ids] += dout`` and
    ``dW[ids] = dout`` lose the repeated ids. NumPy reads ``dW[ids]``, adds, and
    writes each row back, so for the id 2 used twice the second write replaces
    the first: row 2 becomes ``[100, 100]`` instead of ``[101, 101]``. Add with
    ``np.add.at(dW, ids, dout)`` (an unbuffered add: every occurrence counts),
    or loop over the ids and ``dW[ids[i]] += dout[i]`` one at a time.

    Ids of any shape: ``(N, T)`` ids come with ``(N, T, D)`` ``dout``; ``D`` is
    ``dout.shape[-1]``, and ``np.add.at`` takes the ids as they are (or flatten
    both: ``ids.reshape(-1)`` and ``dout.reshape(-1, D)``).
    """
    dout = np.asarray(dout, dtype=np.float64)
    ids = np.asarray(ids, dtype=np.int64)
    dW = np.zeros((vocab_size, dout.shape[-1]))
    np.add.at(dW, ids.reshape(-1), dout.reshape(-1, dout.shape[-1]))
    return dW


def rnn_step(
    x: ArrayLike, h_prev: ArrayLike, Wx: ArrayLike, Wh: ArrayLike, b: ArrayLike
) -> NDArray[np.float64]:
    """One step of the Elman RNN: the next hidden state (은닉 상태), ``(N, H)``.

    ::

        h = tanh(x @ Wx + h_prev @ Wh + b)
             (N, D) @ (D, H)  +  (N, H) @ (H, H)  +  (H,)   ->  (N, H)

    The same ``Wx``, ``Wh`` and ``b`` serve at every time step: that sharing of
    weights over time is what makes the network recurrent.

    >>> x = np.array([[1.0, 0.0, -1.0]])                          # N = 1, D = 3
    >>> h_prev = np.array([[0.5, -0.5]])                          # H = 2
    >>> Wx = np.array([[0.2, -0.1], [0.4, 0.3], [0.0, 0.5]])      # (D, H)
    >>> np.round(rnn_step(x, h_prev, Wx, np.eye(2), np.array([0.1, -0.2])), 4)
    array([[ 0.664 , -0.8617]])

    Pitfall: ``Wx @ x`` or ``x @ Wx.T`` are the column-vector habits of other
    books; here samples are rows, so the input comes first: ``x @ Wx``.
    """
    x, h_prev, Wx, Wh, b = _floats(x, h_prev, Wx, Wh, b)
    return np.tanh(x @ Wx + h_prev @ Wh + b)


def rnn_forward(
    xs: ArrayLike, h0: ArrayLike, Wx: ArrayLike, Wh: ArrayLike, b: ArrayLike
) -> NDArray[np.float64]:
    """The RNN over a whole sequence: every hidden state, ``hs`` of shape ``(N, T, H)``.

    ::

        h = h0
        for t in range(T):
            h = rnn_step(xs[:, t], h, Wx, Wh, b)      # (N, H)
            hs[:, t] = h

    Step 0 starts from ``h0`` (given: it is not always zeros, for instance when
    a long text is read in pieces and each piece starts where the last ended);
    every later step starts from the state the step before produced. The time
    steps depend on each other, so this loop over ``t`` cannot be vectorised
    away; everything inside a step works on the whole batch at once.

    >>> xs = np.ones((1, 3, 1))                                   # N = 1, T = 3, D = 1
    >>> hs = rnn_forward(xs, np.array([[1.0]]), np.array([[0.5]]), np.array([[0.5]]), np.zeros(1))
    >>> np.round(hs, 4)                  # tanh(0.5 + 0.5), tanh(0.5 + 0.5 * 0.7616), ...
    array([[[0.7616],
            [0.7068],
            [0.6928]]])

    Return all the states, ``(N, T, H)``, not only the last one (Keras'
    ``return_sequences=True``): the last one is ``hs[:, -1]``.
    """
    xs, h, Wx, Wh, b = _floats(xs, h0, Wx, Wh, b)
    hs = np.empty((xs.shape[0], xs.shape[1], Wh.shape[0]))
    for t in range(xs.shape[1]):
        h = rnn_step(xs[:, t], h, Wx, Wh, b)
        hs[:, t] = h
    return hs


def rnn_backward(
    dhs: ArrayLike, xs: ArrayLike, h0: ArrayLike, Wx: ArrayLike, Wh: ArrayLike, b: ArrayLike
) -> Grads:
    """Backpropagation through time (BPTT, 시간 방향 오차역전파).

    ``dhs`` ``(N, T, H)`` is the gradient of the loss with respect to every
    hidden state ``hs = rnn_forward(xs, h0, Wx, Wh, b)`` (zeros where a step's
    state feeds no output). Return the gradients of ``sum(hs * dhs)`` as a new
    dict ``{"xs": dxs, "h0": dh0, "Wx": dWx, "Wh": dWh, "b": db}``, each of its
    argument's shape: ``(N, T, D)``, ``(N, H)``, ``(D, H)``, ``(H, H)``, ``(H,)``.

    Run the forward pass first, keeping ``hs``, then walk the steps backward::

        dWx, dWh, db = zeros (D, H), (H, H), (H,)
        dh_next = zeros (N, H)                  # nothing comes from after the last step
        for t = T-1, T-2, ..., 0:
            h_prev = hs[:, t-1], or h0 when t == 0
            dh = dhs[:, t] + dh_next            (N, H)  BOTH paths into h_t: its output, and step t+1
            dt = dh * (1 - hs[:, t] ** 2)       (N, H)  through tanh: tanh'(a) = 1 - tanh(a) ** 2
            dxs[:, t] = dt @ Wx.T               (N, D)
            dWx += xs[:, t].T @ dt              (D, H)  the weights are shared by every step:
            dWh += h_prev.T @ dt                (H, H)  their gradients ADD UP over the steps
            db  += dt.sum(axis=0)               (H,)    summed over the batch too
            dh_next = dt @ Wh.T                 (N, H)  = dh_prev, carried back to step t-1
        dh0 = dh_next                           (N, H)  what is left after step 0

    That is ``dh_prev = (dh * (1 - h ** 2)) @ Wh.T``: the hidden gradient
    travels back through every step, and at each step the gradient that arrives
    there from outside (``dhs[:, t]``) is added to it.

    >>> grads = rnn_backward(np.ones((2, 3, 5)), np.ones((2, 3, 4)), np.zeros((2, 5)),
    ...                      np.zeros((4, 5)), np.zeros((5, 5)), np.zeros(5))
    >>> {key: value.shape for key, value in grads.items()}
    {'xs': (2, 3, 4), 'h0': (2, 5), 'Wx': (4, 5), 'Wh': (5, 5), 'b': (5,)}

    Pitfalls:

    - Using only ``dhs[:, t]`` at step ``t`` (forgetting ``dh_next``) is the
      gradient of a network without memory: it never learns anything that needs
      an earlier step.
    - ``tanh'`` is ``1 - h ** 2`` with ``h = hs[:, t]`` the step's OUTPUT; not
      ``1 - h``, and not forgotten.
    - ``dWh`` pairs ``dt`` at step ``t`` with the state that went INTO that
      step, ``h_{t-1}`` (``h0`` at ``t = 0``), not with ``hs[:, t]``.
    - ``dh = dhs[:, t]`` is a view into ``dhs``: ``dh += dh_next`` would change
      the caller's array. Write ``dh = dhs[:, t] + dh_next``.

    Vanishing and exploding gradients (기울기 소실/폭발): going back one step
    multiplies the gradient by ``(1 - h ** 2)`` and by ``Wh.T``; going back
    ``k`` steps, by ``k`` such factors. When they shrink it (small ``Wh``,
    saturated tanh) the gradient from step ``t`` is gone long before step 0 and
    the network cannot learn long-range dependencies (vanishing); when ``Wh``
    has large singular values it can grow exponentially and one update throws
    the weights far away (exploding: clip it, ``clip_grads``). The LSTM's cell
    state is the cure for vanishing: see ``lstm_step``.

    The grader checks your gradients against central differences of the forward
    pass (see the top of this file), and trains a small RNN built from your
    ``rnn_forward``, ``rnn_backward`` and ``clip_grads`` to tell whether a
    sequence's first token equals its last. That can only be learned through
    the carried ``dh_next``: held-out accuracy must reach 90%. A correct BPTT
    reaches 95% or more (usually 100%) with every training draw tried; one
    that does not carry ``dh_next`` back gets about 65%.
    """
    dhs, xs, h0, Wx, Wh, b = _floats(dhs, xs, h0, Wx, Wh, b)
    hs = rnn_forward(xs, h0, Wx, Wh, b)
    dxs = np.empty_like(xs)
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)
    dh_next = np.zeros_like(h0)
    for t in reversed(range(xs.shape[1])):
        h_prev = hs[:, t - 1] if t > 0 else h0
        dt = (dhs[:, t] + dh_next) * (1.0 - hs[:, t] ** 2)
        dxs[:, t] = dt @ Wx.T
        dWx += xs[:, t].T @ dt
        dWh += h_prev.T @ dt
        db += dt.sum(axis=0)
        dh_next = dt @ Wh.T
    return {"xs": dxs, "h0": dh_next, "Wx": dWx, "Wh": dWh, "b": db}


def lstm_step(
    x: ArrayLike, h_prev: ArrayLike, c_prev: ArrayLike, Wx: ArrayLike, Wh: ArrayLike, b: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """One LSTM step (장단기 메모리) in Keras' weight layout: returns ``(h, c)``, each ``(N, H)``.

    The four gates (게이트) come from ONE affine map, cut into four blocks of
    ``H`` columns, in Keras' order: input ``i``, forget ``f``, cell candidate
    ``g``, output ``o``::

        z = x @ Wx + h_prev @ Wh + b          (N, 4H)   Wx (D, 4H), Wh (H, 4H), b (4H,)
        i = sigmoid(z[:, 0*H:1*H])            input gate:  how much of g to write
        f = sigmoid(z[:, 1*H:2*H])            forget gate: how much of c_prev to keep
        g = tanh(z[:, 2*H:3*H])               the new candidate values, in (-1, 1)
        o = sigmoid(z[:, 3*H:4*H])            output gate: how much of the cell to show
        c = f * c_prev + i * g                (N, H)    the cell state (기억 셀)
        h = o * tanh(c)                       (N, H)    the hidden state

    ``H`` is ``h_prev.shape[1]`` (or ``Wh.shape[0]``); ``sigmoid(a) = 1 / (1 +
    exp(-a))``. These are exactly the arrays a ``keras.layers.LSTM(H)`` holds:
    ``Wx, Wh, b = layer.get_weights()`` (``kernel``, ``recurrent_kernel``,
    ``bias``), and with them this step is that layer's step.

    >>> b = np.array([20.0, -20.0, 1.0, 20.0])  # H = 1: i open, f shut, g = tanh(1), o open
    >>> h, c = lstm_step(np.zeros((1, 2)), np.zeros((1, 1)), np.array([[2.0]]),
    ...                  np.zeros((2, 4)), np.zeros((1, 4)), b)
    >>> np.round(c, 4), np.round(h, 4)   # c_prev = 2 forgotten, g written; h = tanh(c)
    (array([[0.7616]]), array([[0.642]]))

    Pitfalls:

    - The order of the blocks. The textbook 밑바닥부터 시작하는 딥러닝 2 slices
      its ``A`` as ``f, g, i, o``, so the book's weights are NOT in Keras' layout;
      TensorFlow 1's ``LSTMCell`` used ``i, g, f, o``. With Keras' weights,
      either order computes another network (the example above gives
      ``c = 1.2689`` in the book's order). PyTorch's order is ``i, f, g, o``
      like Keras', but its ``weight_ih_l0`` is ``(4H, D)`` (transposed) and it
      has two biases that add up.
    - ``h = o * tanh(c)``, not ``o * c``; ``c`` itself is not squashed.
    - ``g`` goes through ``tanh`` (values in (-1, 1), they may lower the cell),
      the three gates through ``sigmoid`` (values in (0, 1), "how much").

    Why it helps against vanishing gradients: backward from ``c`` to ``c_prev``
    the gradient is only multiplied by ``f`` (no weight matrix, no ``tanh'``),
    so while the forget gate stays open it survives many steps.
    """
    x, h_prev, c_prev, Wx, Wh, b = _floats(x, h_prev, c_prev, Wx, Wh, b)
    H = Wh.shape[0]
    z = x @ Wx + h_prev @ Wh + b
    i = _sigmoid(z[..., :H])
    f = _sigmoid(z[..., H:2 * H])
    g = np.tanh(z[..., 2 * H:3 * H])
    o = _sigmoid(z[..., 3 * H:])
    c = f * c_prev + i * g
    return o * np.tanh(c), c


def lstm_forward(
    xs: ArrayLike, h0: ArrayLike, c0: ArrayLike, Wx: ArrayLike, Wh: ArrayLike, b: ArrayLike
) -> NDArray[np.float64]:
    """The LSTM over a whole sequence: every hidden state, ``hs`` of shape ``(N, T, H)``.

    ::

        h, c = h0, c0
        for t in range(T):
            h, c = lstm_step(xs[:, t], h, c, Wx, Wh, b)
            hs[:, t] = h

    Both states travel from step to step: the cell state ``c`` is the network's
    memory, so it must not be reset to zeros at each step. Only ``h`` is
    returned. With a Keras ``LSTM(H)``'s weights and zero ``h0``, ``c0``,
    ``hs[:, -1]`` is what that layer outputs (``return_sequences=False``) and
    ``hs`` what it outputs with ``return_sequences=True``.

    >>> xs, h0, c0 = np.zeros((2, 3, 4)), np.zeros((2, 5)), np.zeros((2, 5))
    >>> lstm_forward(xs, h0, c0, np.zeros((4, 20)), np.zeros((5, 20)), np.zeros(20)).shape
    (2, 3, 5)
    """
    xs, h, c, Wx, Wh, b = _floats(xs, h0, c0, Wx, Wh, b)
    hs = np.empty((xs.shape[0], xs.shape[1], Wh.shape[0]))
    for t in range(xs.shape[1]):
        h, c = lstm_step(xs[:, t], h, c, Wx, Wh, b)
        hs[:, t] = h
    return hs


def clip_grads(grads: dict[str, ArrayLike], max_norm: float) -> tuple[Grads, float]:
    """Gradient clipping (기울기 클리핑) by the global norm: returns ``(clipped, norm)``.

    ``grads`` is a dict of arrays (say ``{"Wx": dWx, "Wh": dWh, "b": db}``).
    Their global norm treats all of them as one long vector::

        norm = sqrt(sum over every array g in grads of np.sum(g ** 2))

    When ``norm > max_norm``, every array is multiplied by the same factor
    ``max_norm / norm``, so that the new global norm is ``max_norm``; otherwise
    the arrays are returned as they are (as new float64 arrays). Return a NEW
    dict with the same keys, and ``norm`` (the norm of ``grads`` as given,
    before clipping) as a float. The textbook's factor ``max_norm / (norm +
    1e-6)`` (it guards against dividing by zero) is accepted too: the grader's
    tolerance covers the difference.

    >>> grads = {"W": np.array([3.0, 0.0]), "b": np.array([4.0])}
    >>> clipped, norm = clip_grads(grads, 1.0)
    >>> norm
    5.0
    >>> clipped["W"], clipped["b"]           # the same direction, length 1
    (array([0.6, 0. ]), array([0.8]))
    >>> grads["W"]                           # the input is unchanged
    array([3., 0.])

    Why: an exploding gradient (기울기 폭발, see ``rnn_backward``) can be
    thousands of times larger than usual and one step of gradient descent then
    throws the weights far away. Clipping keeps the direction of the step and
    limits its length. Scaling every array by the SAME factor keeps the
    direction; clipping each array by its own norm would change it.

    Pitfalls:

    - The textbook's ``clip_grads`` scales the arrays in place (``grad *=
      rate``); here ``grads`` must stay unchanged: build a new dict.
    - Never scale up: when ``norm <= max_norm`` the gradients stay as they are.
    - Do not forget the ``sqrt``: ``np.sum(g ** 2)`` summed is the squared norm.
    """
    arrays = {key: np.asarray(value, dtype=np.float64) for key, value in grads.items()}
    norm = float(np.sqrt(sum(np.sum(g * g) for g in arrays.values())))
    scale = max_norm / norm if norm > max_norm else 1.0
    return {key: g * scale for key, g in arrays.items()}, norm
