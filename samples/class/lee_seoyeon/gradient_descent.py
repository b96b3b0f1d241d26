"""Reference solution: numerical gradients, gradient descent, learning-rate schedules
and the common optimizers.

Functions never change their input arrays; the optimizers' ``update`` changes the
arrays of ``params`` in place, as the contract says. Where ``eps`` guards a division,
it is added to the square root (``sqrt(h) + eps``), as in the textbook and in Keras's
Adagrad and Adam.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

Params = dict[str, NDArray[np.float64]]


def numerical_gradient(f: Callable[[NDArray[np.float64]], float], x: ArrayLike,
                       h: float = 1e-4) -> NDArray[np.float64]:
    """Return the central difference ``(f(x + h e_i) - f(x - h e_i)) / 2h`` for every element.

    Works on a float copy of ``x``, one element at a time, so ``x`` of any shape works
    and the caller's ``x`` is never touched.
    """
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


def gradient_descent(grad: Callable[[NDArray[np.float64]], NDArray[np.float64]], x0: ArrayLike,
                     lr: float = 0.1, steps: int = 100) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Take ``steps`` steps ``x <- x - lr * grad(x)`` from ``x0``.

    Returns ``(x_final, history)``; ``history[0]`` is ``x0`` and ``history[k]`` the
    point after ``k`` steps, so ``history`` has ``steps + 1`` rows.
    """
    x = np.array(x0, dtype=np.float64)
    history = [x.copy()]
    for _ in range(steps):
        x = x - lr * np.asarray(grad(x), dtype=np.float64)
        history.append(x.copy())
    return x, np.array(history)


def linear_regression_gd(X: ArrayLike, y: ArrayLike, lr: float = 0.01,
                         epochs: int = 1000) -> tuple[NDArray[np.float64], float, list[float]]:
    """Fit ``y ~ X @ w + b`` by full-batch gradient descent on the mean squared error.

    Starts from ``w = 0, b = 0``. Each epoch records the loss of the current ``(w, b)``
    and then takes one step with the MSE's gradient ``2/n X^T (pred - y)`` (and
    ``2/n sum(pred - y)`` for ``b``). Returns ``(w, b, losses)``.
    """
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


def step_decay(lr0: float, epoch: int, drop: float = 0.5, epochs_drop: int = 10) -> float:
    """Return ``lr0 * drop ** floor(epoch / epochs_drop)``: a staircase."""
    return float(lr0 * drop ** np.floor(epoch / epochs_drop))


def exponential_decay(lr0: float, epoch: int, k: float = 0.1) -> float:
    """Return ``lr0 * exp(-k * epoch)``."""
    return float(lr0 * np.exp(-k * epoch))


def inverse_time_decay(lr0: float, epoch: int, decay_rate: float = 0.1) -> float:
    """Return ``lr0 / (1 + decay_rate * epoch)``."""
    return float(lr0 / (1.0 + decay_rate * epoch))


class SGD:
    """Plain stochastic gradient descent: ``p -= lr * g``."""

    def __init__(self, lr: float = 0.01) -> None:
        self.lr = lr

    def update(self, params: Params, grads: Params) -> None:
        """Change every array of ``params`` in place by one step."""
        for key in params:
            params[key] -= self.lr * grads[key]


class Momentum:
    """SGD with momentum: ``v = momentum * v - lr * g``; ``p += v`` (``v`` starts at 0)."""

    def __init__(self, lr: float = 0.01, momentum: float = 0.9) -> None:
        self.lr = lr
        self.momentum = momentum
        self.v: Params = {}

    def update(self, params: Params, grads: Params) -> None:
        """Change every array of ``params`` in place by one step."""
        for key in params:
            v = self.v.setdefault(key, np.zeros_like(params[key]))
            v *= self.momentum
            v -= self.lr * grads[key]
            params[key] += v


class AdaGrad:
    """AdaGrad: ``h += g**2``; ``p -= lr * g / (sqrt(h) + eps)`` (``h`` starts at 0)."""

    def __init__(self, lr: float = 0.01, eps: float = 1e-7) -> None:
        self.lr = lr
        self.eps = eps
        self.h: Params = {}

    def update(self, params: Params, grads: Params) -> None:
        """Change every array of ``params`` in place by one step."""
        for key in params:
            h = self.h.setdefault(key, np.zeros_like(params[key]))
            h += grads[key] ** 2
            params[key] -= self.lr * grads[key] / (np.sqrt(h) + self.eps)


class RMSprop:
    """RMSprop: ``h = rho * h + (1 - rho) * g**2``; ``p -= lr * g / (sqrt(h) + eps)``."""

    def __init__(self, lr: float = 0.001, rho: float = 0.9, eps: float = 1e-7) -> None:
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.h: Params = {}

    def update(self, params: Params, grads: Params) -> None:
        """Change every array of ``params`` in place by one step."""
        for key in params:
            h = self.h.setdefault(key, np.zeros_like(params[key]))
            h *= self.rho
            h += (1.0 - self.rho) * grads[key] ** 2
            params[key] -= self.lr * grads[key] / (np.sqrt(h) + self.eps)


class Adam:
    """Adam: moving averages ``m`` of ``g`` and ``v`` of ``g**2``, bias-corrected by the
    step count ``t`` (1 at the first update): ``p -= lr * m_hat / (sqrt(v_hat) + eps)``."""

    def __init__(self, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999,
                 eps: float = 1e-8) -> None:
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.t = 0
        self.m: Params = {}
        self.v: Params = {}

    def update(self, params: Params, grads: Params) -> None:
        """Change every array of ``params`` in place by one step."""
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
