"""Exercise: gradient descent (경사 하강법) — numerical gradients, descent, schedules, optimizers.

A network learns by walking downhill on its loss: compute the gradient (기울기), the
direction in which the loss grows fastest, and take a small step the other way. In
this exercise you will

1. estimate a gradient numerically (수치 미분), without any calculus;
2. run gradient descent on a function and on a linear regression (선형 회귀);
3. shrink the learning rate (학습률) over time with three schedules;
4. write the optimizers that Keras offers: SGD, Momentum, AdaGrad, RMSprop, Adam.

Rules for every function here:

- Never change the caller's arrays (``x``, ``x0``, ``X``, ``y``, ``grads``); the one
  exception is ``update(params, grads)`` of the optimizers, whose whole job is to change
  the arrays of ``params`` in place.
- Return float64 arrays (start with ``x = np.array(x0, dtype=float)``, which also copies).
- Use the arguments (``h``, ``lr``, ``eps``, ...) instead of writing numbers into the body.

Replace each ``raise NotImplementedError(...)`` line with your code; keep the names and
the signatures. Use NumPy only. Check your work with::

    autograde check gradient_descent
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

Params = dict[str, NDArray[np.float64]]


def numerical_gradient(f: Callable[[NDArray[np.float64]], float], x: ArrayLike,
                       h: float = 1e-4) -> NDArray[np.float64]:
    """Numerical gradient (수치 미분) of ``f`` at ``x`` by the central difference (중심 차분).

    ``f`` takes an array shaped like ``x`` and returns one number. For every element
    ``x[i]`` (``i`` is an index tuple when ``x`` is 2-D or more)::

        grad[i] = (f(x with x[i] + h) - f(x with x[i] - h)) / (2 * h)

    Return ``grad``, a float64 array of ``x``'s shape.

    >>> numerical_gradient(lambda x: np.sum(x ** 2), np.array([3.0, 4.0]))
    array([6., 8.])

    How: loop over ``np.ndindex(x.shape)`` (it gives index tuples for any shape).
    Remember ``old = x[i]``, set ``x[i] = old + h`` and evaluate ``f(x)``, set
    ``x[i] = old - h`` and evaluate again, then put ``x[i] = old`` back.

    Pitfalls:

    - The forward difference (전방 차분) ``(f(x + h) - f(x)) / h`` is less accurate: its
      error shrinks like ``h``, the central difference's like ``h ** 2``. The grader
      can tell them apart.
    - Brackets: ``(f1 - f2) / 2 * h`` divides by 2 and then *multiplies* by ``h``.
    - For a 2-D ``x``, ``x[0]`` is a whole row: use index tuples.
    - ``x`` must be unchanged afterwards: restore ``x[i]``, or work on a float copy
      (``x = np.array(x, dtype=float)``, which also makes integer input work).
    """
    ### BEGIN SOLUTION
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        original = x[i]
        x[i] = original + h
        f_plus = f(x)
        x[i] = original - h
        f_minus = f(x)
        x[i] = original
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
    ### END SOLUTION


def gradient_descent(grad: Callable[[NDArray[np.float64]], NDArray[np.float64]], x0: ArrayLike,
                     lr: float = 0.1, steps: int = 100) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Gradient descent (경사 하강법): ``steps`` times ``x <- x - lr * grad(x)``, from ``x0``.

    ``grad`` takes an array shaped like ``x0`` and returns the gradient there (same
    shape). Return ``(x_final, history)``:

    - ``x_final``: the point after the last step;
    - ``history``: an array of shape ``(steps + 1, *x0.shape)``, ``history[0]`` is
      ``x0`` and ``history[k]`` the point after ``k`` steps (so ``history[-1]`` is
      ``x_final``).

    >>> x, history = gradient_descent(lambda x: 2 * x, np.array([1.0, -2.0]), lr=0.25, steps=2)
    >>> history
    array([[ 1.  , -2.  ],
           [ 0.5 , -1.  ],
           [ 0.25, -0.5 ]])

    Pitfalls:

    - ``history.append(x)`` followed by ``x -= lr * g`` stores the *same* array again
      and again, and every row ends up as the final point. Append ``x.copy()``, or
      write ``x = x - lr * g`` (a new array each step).
    - ``x = x0`` and then ``x -= ...`` changes the caller's ``x0``: start from
      ``x = np.array(x0, dtype=float)``.
    - With ``steps=0`` nothing moves: ``history`` holds ``x0`` alone.
    """
    ### BEGIN SOLUTION
    x = np.array(x0, dtype=np.float64)
    history = [x.copy()]
    for _ in range(steps):
        x = x - lr * np.asarray(grad(x), dtype=np.float64)
        history.append(x.copy())
    return x, np.array(history)
    ### END SOLUTION


def linear_regression_gd(X: ArrayLike, y: ArrayLike, lr: float = 0.01,
                         epochs: int = 1000) -> tuple[NDArray[np.float64], float, list[float]]:
    """Linear regression (선형 회귀) ``y ~ X @ w + b`` by full-batch gradient descent.

    ``X`` has shape ``(n, d)`` (n samples, d features) and ``y`` shape ``(n,)``. Start
    from ``w = np.zeros(d)`` and ``b = 0.0``. In every epoch (에폭), in this order:

    1. ``error = X @ w + b - y`` and record the loss (손실)
       ``mean(error ** 2)`` (mean squared error) of the *current* ``w, b``;
    2. step down the gradient of that loss::

           w = w - lr * (2 / n) * X.T @ error
           b = b - lr * (2 / n) * sum(error)

    Return ``(w, b, losses)``: ``w`` of shape ``(d,)``, ``b`` a single number, and
    ``losses`` a list with one float per epoch (``losses[0]`` is the loss of
    ``w = 0, b = 0``, i.e. ``mean(y ** 2)``).

    >>> w, b, losses = linear_regression_gd(np.array([[0.0], [1.0], [2.0]]),
    ...                                     np.array([1.0, 3.0, 5.0]), lr=0.1, epochs=2000)
    >>> np.round(w, 3), round(b, 3), round(losses[0], 3)
    (array([2.]), 1.0, 11.667)

    Pitfalls:

    - The derivative of ``mean(error ** 2)`` has a factor 2; leaving it out is like
      halving ``lr`` and gives a different path.
    - Record the loss *before* the update of that epoch.
    - Keep ``b`` a number: ``b = 0.0``, not ``np.zeros(1)``.
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    losses = []
    for _ in range(epochs):
        error = X @ w + b - y
        losses.append(float(np.mean(error**2)))
        w = w - lr * (2.0 / n) * (X.T @ error)
        b = b - lr * (2.0 / n) * float(np.sum(error))
    return w, b, losses
    ### END SOLUTION


def step_decay(lr0: float, epoch: int, drop: float = 0.5, epochs_drop: int = 10) -> float:
    """Step decay (계단식 감쇠) of the learning rate: ``lr0 * drop ** floor(epoch / epochs_drop)``.

    The rate stays at ``lr0`` for epochs ``0 .. epochs_drop - 1``, then is multiplied
    by ``drop`` every ``epochs_drop`` epochs: a staircase. Return one number.

    >>> [step_decay(0.1, e) for e in (0, 9, 10, 25)]
    [0.1, 0.1, 0.05, 0.025]

    Pitfall: without the floor (``drop ** (epoch / epochs_drop)``) the rate falls a
    little every epoch instead of in steps. ``np.floor`` or ``epoch // epochs_drop``.
    """
    ### BEGIN SOLUTION
    return float(lr0 * drop ** np.floor(epoch / epochs_drop))
    ### END SOLUTION


def exponential_decay(lr0: float, epoch: int, k: float = 0.1) -> float:
    """Exponential decay (지수 감쇠): ``lr0 * exp(-k * epoch)``. Return one number.

    >>> round(exponential_decay(0.1, 10), 5)
    0.03679

    Pitfall: the minus sign; ``exp(k * epoch)`` makes the rate grow.
    """
    ### BEGIN SOLUTION
    return float(lr0 * np.exp(-k * epoch))
    ### END SOLUTION


def inverse_time_decay(lr0: float, epoch: int, decay_rate: float = 0.1) -> float:
    """Inverse time decay (역시간 감쇠): ``lr0 / (1 + decay_rate * epoch)``. Return one number.

    >>> inverse_time_decay(0.1, 10)
    0.05
    """
    ### BEGIN SOLUTION
    return float(lr0 / (1.0 + decay_rate * epoch))
    ### END SOLUTION


# ---------------------------------------------------------------- optimizers (옵티마이저)
#
# Every optimizer is a class. __init__ stores the hyper-parameters (and creates empty
# state); update(params, grads) takes two dicts with the same keys, e.g.
# params = {"W1": array, "b1": array} and grads = {"W1": dL/dW1, "b1": dL/db1}, and
# changes every array params[key] IN PLACE (params[key] -= ...). The caller keeps
# using the same arrays, so building new ones or returning a result does not count.
# Never change grads.
#
# State such as a velocity lives on the object, one array per key, created as zeros
# the first time update sees that key (e.g. self.v = {} in __init__, then
# `if key not in self.v: self.v[key] = np.zeros_like(params[key])`), and kept from one
# call of update to the next. Create it in __init__ (self.v = {}), never as a class
# attribute (two optimizers would share it).
#
# Where eps guards a division it is added after the square root, as in Keras's AdaGrad
# and Adam: lr * g / (np.sqrt(h) + eps). (np.sqrt(h + eps) is accepted too.)


class SGD:
    """Stochastic gradient descent (확률적 경사 하강법): ``params[key] -= lr * grads[key]``.

    >>> params = {"w": np.array([1.0, 2.0])}
    >>> SGD(lr=0.5).update(params, {"w": np.array([2.0, -2.0])})
    >>> params["w"]
    array([0., 3.])
    """

    def __init__(self, lr: float = 0.01) -> None:
        ### BEGIN SOLUTION
        self.lr = lr
        ### END SOLUTION

    def update(self, params: Params, grads: Params) -> None:
        """Change every array of ``params`` in place by one step."""
        ### BEGIN SOLUTION
        ### STUB: raise NotImplementedError("SGD.update is not written yet: replace this line with your code")
        for key in params:
            params[key] -= self.lr * grads[key]
        ### END SOLUTION


class Momentum:
    """Momentum (모멘텀): a velocity (속도) ``v`` per key, zeros at first; each update::

        v = momentum * v - lr * g
        params[key] += v

    The velocity remembers the previous steps, so the descent speeds up along a
    consistent direction and zig-zags less.

    >>> params, opt = {"w": np.array([0.0])}, Momentum(lr=0.1, momentum=0.9)
    >>> opt.update(params, {"w": np.array([1.0])}); opt.update(params, {"w": np.array([1.0])})
    >>> np.round(params["w"], 4)        # -0.1, then -0.1 + (0.9 * -0.1 - 0.1)
    array([-0.29])

    Pitfall: creating ``v`` anew inside ``update`` forgets the previous velocity; then
    Momentum is just SGD.
    """

    def __init__(self, lr: float = 0.01, momentum: float = 0.9) -> None:
        ### BEGIN SOLUTION
        ### STUB: raise NotImplementedError("Momentum(lr, momentum) is not written yet: replace this line with your code")
        self.lr = lr
        self.momentum = momentum
        self.v: Params = {}
        ### END SOLUTION

    def update(self, params: Params, grads: Params) -> None:
        """Change every array of ``params`` in place by one step."""
        ### BEGIN SOLUTION
        ### STUB: raise NotImplementedError("Momentum.update is not written yet: replace this line with your code")
        for key in params:
            v = self.v.setdefault(key, np.zeros_like(params[key]))
            v *= self.momentum
            v -= self.lr * grads[key]
            params[key] += v
        ### END SOLUTION


class AdaGrad:
    """AdaGrad: a sum ``h`` of squared gradients per key, zeros at first; each update::

        h += g * g
        params[key] -= lr * g / (np.sqrt(h) + eps)

    Parameters that got large gradients so far take smaller steps (the learning rate
    adapts per element). ``h`` only grows, so the steps keep shrinking.

    >>> params = {"w": np.array([1.0])}
    >>> AdaGrad(lr=0.1).update(params, {"w": np.array([4.0])})
    >>> np.round(params["w"], 6)        # 1 - 0.1 * 4 / (4 + 1e-7)
    array([0.9])
    """

    def __init__(self, lr: float = 0.01, eps: float = 1e-7) -> None:
        ### BEGIN SOLUTION
        ### STUB: raise NotImplementedError("AdaGrad(lr, eps) is not written yet: replace this line with your code")
        self.lr = lr
        self.eps = eps
        self.h: Params = {}
        ### END SOLUTION

    def update(self, params: Params, grads: Params) -> None:
        """Change every array of ``params`` in place by one step."""
        ### BEGIN SOLUTION
        ### STUB: raise NotImplementedError("AdaGrad.update is not written yet: replace this line with your code")
        for key in params:
            h = self.h.setdefault(key, np.zeros_like(params[key]))
            h += grads[key] ** 2
            params[key] -= self.lr * grads[key] / (np.sqrt(h) + self.eps)
        ### END SOLUTION


class RMSprop:
    """RMSprop: like AdaGrad, but ``h`` is a moving average that forgets old gradients::

        h = rho * h + (1 - rho) * g * g
        params[key] -= lr * g / (np.sqrt(h) + eps)

    >>> params = {"w": np.array([1.0])}
    >>> RMSprop(lr=0.01, rho=0.9).update(params, {"w": np.array([2.0])})
    >>> np.round(params["w"], 4)        # h = 0.1 * 4 = 0.4; 1 - 0.01 * 2 / sqrt(0.4)
    array([0.9684])

    Pitfall: ``h = g * g`` (no ``rho``) or ``h += ...`` (AdaGrad) are different optimizers.
    """

    def __init__(self, lr: float = 0.001, rho: float = 0.9, eps: float = 1e-7) -> None:
        ### BEGIN SOLUTION
        ### STUB: raise NotImplementedError("RMSprop(lr, rho, eps) is not written yet: replace this line with your code")
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.h: Params = {}
        ### END SOLUTION

    def update(self, params: Params, grads: Params) -> None:
        """Change every array of ``params`` in place by one step."""
        ### BEGIN SOLUTION
        ### STUB: raise NotImplementedError("RMSprop.update is not written yet: replace this line with your code")
        for key in params:
            h = self.h.setdefault(key, np.zeros_like(params[key]))
            h *= self.rho
            h += (1.0 - self.rho) * grads[key] ** 2
            params[key] -= self.lr * grads[key] / (np.sqrt(h) + self.eps)
        ### END SOLUTION


class Adam:
    """Adam: Momentum and RMSprop together, with bias correction (편향 보정).

    Keep a step count ``t`` (0 at first, one count per call of ``update``, for all keys
    together) and, per key, moving averages ``m`` of ``g`` and ``v`` of ``g * g`` (zeros
    at first). Each update::

        t += 1
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat = m / (1 - beta1 ** t)
        v_hat = v / (1 - beta2 ** t)
        params[key] -= lr * m_hat / (np.sqrt(v_hat) + eps)

    ``m`` and ``v`` start at zero, so early on they are too small; dividing by
    ``1 - beta ** t`` corrects that (at ``t = 1``: ``m_hat = g``, ``v_hat = g * g``, and
    the first step is about ``lr`` in size).

    >>> params = {"w": np.array([1.0])}
    >>> Adam(lr=0.1).update(params, {"w": np.array([3.0])})
    >>> np.round(params["w"], 6)        # m_hat / sqrt(v_hat) = 3 / 3 = 1
    array([0.9])

    Pitfalls:

    - ``t`` must live on the object (``self.t``) and count every update; a local
      ``t = 1`` corrects every step as if it were the first.
    - Without bias correction the first steps are far too large or small.
    """

    def __init__(self, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999,
                 eps: float = 1e-8) -> None:
        ### BEGIN SOLUTION
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.t = 0
        self.m: Params = {}
        self.v: Params = {}
        ### END SOLUTION

    def update(self, params: Params, grads: Params) -> None:
        """Change every array of ``params`` in place by one step."""
        ### BEGIN SOLUTION
        ### STUB: raise NotImplementedError("Adam.update is not written yet: replace this line with your code")
        self.t += 1
        for key in params:
            g = grads[key]
            m = self.m.setdefault(key, np.zeros_like(params[key]))
            v = self.v.setdefault(key, np.zeros_like(params[key]))
            m *= self.beta1
            m += (1.0 - self.beta1) * g
            v *= self.beta2
            v += (1.0 - self.beta2) * g**2
            m_hat = m / (1.0 - self.beta1**self.t)
            v_hat = v / (1.0 - self.beta2**self.t)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
        ### END SOLUTION
