"""Plain Python loops: the numerical gradient nudges x[i] with += h, -= 2 h, += h (which
can leave an ulp of rounding dust: accepted), the regression loops over samples, and
the optimizers rebind the dict entries (``params[key] = params[key] - step``), which the
caller's dict also sees. A shared base class keeps the per-key state."""

import math

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    x = np.asarray(x, dtype=float)
    grad = np.zeros(x.shape)
    for index in np.ndindex(*x.shape):
        x[index] += h
        f_plus = f(x)
        x[index] -= 2 * h
        f_minus = f(x)
        x[index] += h
        grad[index] = (f_plus - f_minus) / (h + h)
    return grad


def gradient_descent(grad, x0, lr=0.1, steps=100):
    x = np.array(x0, dtype=float)
    points = [x]
    step = 0
    while step < steps:
        x = x + (-lr) * grad(x)
        points.append(x)
        step += 1
    return x, np.stack(points)


def linear_regression_gd(X, y, lr=0.01, epochs=1000):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    losses = []
    for _ in range(epochs):
        total, grad_w, grad_b = 0.0, np.zeros(d), 0.0
        for i in range(n):
            err = float(X[i] @ w) + b - y[i]
            total += err * err
            grad_w += 2 * err * X[i] / n
            grad_b += 2 * err / n
        losses.append(total / n)
        w = w - lr * grad_w
        b = b - lr * grad_b
    return w, b, losses


def step_decay(lr0, epoch, drop=0.5, epochs_drop=10):
    lr = lr0
    for _ in range(int(math.floor(epoch / epochs_drop))):
        lr *= drop
    return lr


def exponential_decay(lr0, epoch, k=0.1):
    return np.array(lr0 * math.exp(-k * epoch))


def inverse_time_decay(lr0, epoch, decay_rate=0.1):
    return np.float64(lr0) / (1 + decay_rate * epoch)


class _Optimizer:
    def __init__(self, lr):
        self.lr = lr
        self.state = {}

    def _slot(self, name, key, like):
        return self.state.setdefault((name, key), np.zeros_like(like))

    def update(self, params, grads):
        for key in list(params):
            params[key] = params[key] - self._step(key, params[key], grads[key])

    def _step(self, key, p, g):
        raise NotImplementedError


class SGD(_Optimizer):
    def __init__(self, lr=0.01):
        super().__init__(lr)

    def _step(self, key, p, g):
        return self.lr * g


class Momentum(_Optimizer):
    def __init__(self, lr=0.01, momentum=0.9):
        super().__init__(lr)
        self.momentum = momentum

    def _step(self, key, p, g):
        v = self.momentum * self._slot("v", key, p) - self.lr * g
        self.state[("v", key)] = v
        return -v


class AdaGrad(_Optimizer):
    def __init__(self, lr=0.01, eps=1e-7):
        super().__init__(lr)
        self.eps = eps

    def _step(self, key, p, g):
        h = self._slot("h", key, p) + g**2
        self.state[("h", key)] = h
        return self.lr * g / (h**0.5 + self.eps)


class RMSprop(_Optimizer):
    def __init__(self, lr=0.001, rho=0.9, eps=1e-7):
        super().__init__(lr)
        self.rho, self.eps = rho, eps

    def _step(self, key, p, g):
        h = self.rho * self._slot("h", key, p) + (1 - self.rho) * g**2
        self.state[("h", key)] = h
        return self.lr * g / (h**0.5 + self.eps)


class Adam(_Optimizer):
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.t = 0

    def update(self, params, grads):
        self.t += 1
        super().update(params, grads)

    def _step(self, key, p, g):
        m = self.beta1 * self._slot("m", key, p) + (1 - self.beta1) * g
        v = self.beta2 * self._slot("v", key, p) + (1 - self.beta2) * g**2
        self.state[("m", key)], self.state[("v", key)] = m, v
        m_hat = m / (1 - self.beta1**self.t)
        v_hat = v / (1 - self.beta2**self.t)
        return self.lr * m_hat / (math.sqrt(1) * np.sqrt(v_hat) + self.eps)
