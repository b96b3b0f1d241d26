"""Other correct conventions: basis vectors for the numerical gradient, a preallocated
history, the mean form of the regression gradient, PyTorch's momentum
(``v = mu * v + g; p -= lr * v``), eps inside the square root, NumPy ``out=`` updates,
and state in ``defaultdict``s. Schedules with the ``math`` module."""

import math
from collections import defaultdict

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    x = np.asarray(x, dtype=np.float64)
    grad = np.empty(x.shape)
    for i in range(x.size):
        e = np.zeros(x.shape)
        e.flat[i] = h
        grad.flat[i] = (f(x + e) - f(x - e)) / (2.0 * h)
    return grad


def gradient_descent(grad, x0, lr=0.1, steps=100):
    x0 = np.asarray(x0, dtype=np.float64)
    history = np.empty((steps + 1,) + x0.shape)
    history[0] = x0
    for k in range(steps):
        history[k + 1] = history[k] - lr * np.asarray(grad(history[k]))
    return history[-1].copy(), history


def linear_regression_gd(X, y, lr=0.01, epochs=1000):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), np.float64(0.0)
    losses = np.empty(epochs)
    for epoch in range(epochs):
        residual = X @ w + b - y
        losses[epoch] = np.mean(np.square(residual))
        w = w - lr * 2.0 * np.mean(residual[:, None] * X, axis=0)
        b = b - lr * 2.0 * np.mean(residual)
    return w, b, losses


def step_decay(lr0, epoch, drop=0.5, epochs_drop=10):
    return lr0 * math.pow(drop, epoch // epochs_drop)


def exponential_decay(lr0, epoch, k=0.1):
    return lr0 / math.exp(k * epoch)


def inverse_time_decay(lr0, epoch, decay_rate=0.1):
    return lr0 * (1.0 + decay_rate * epoch) ** -1


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key, p in params.items():
            np.subtract(p, self.lr * grads[key], out=p)


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum = lr, momentum
        self.buf = {}

    def update(self, params, grads):
        for key, p in params.items():
            g = grads[key]
            self.buf[key] = self.momentum * self.buf[key] + g if key in self.buf else g.copy()
            np.subtract(p, self.lr * self.buf[key], out=p)


class AdaGrad:
    def __init__(self, lr=0.01, eps=1e-7):
        self.lr, self.eps = lr, eps
        self.sum_sq = defaultdict(float)

    def update(self, params, grads):
        for key, p in params.items():
            self.sum_sq[key] = self.sum_sq[key] + np.square(grads[key])
            p -= self.lr * grads[key] / np.sqrt(self.sum_sq[key] + self.eps)


class RMSprop:
    def __init__(self, lr=0.001, rho=0.9, eps=1e-7):
        self.lr, self.rho, self.eps = lr, rho, eps
        self.sq = defaultdict(float)

    def update(self, params, grads):
        for key, p in params.items():
            self.sq[key] = self.rho * self.sq[key] + (1 - self.rho) * np.square(grads[key])
            p -= self.lr * grads[key] / np.sqrt(self.sq[key] + self.eps)


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.b1, self.b2, self.eps = lr, beta1, beta2, eps
        self.step = 0
        self.exp_avg = defaultdict(float)
        self.exp_avg_sq = defaultdict(float)

    def update(self, params, grads):
        self.step += 1
        c1, c2 = 1 - self.b1**self.step, 1 - self.b2**self.step
        for key, p in params.items():
            g = grads[key]
            self.exp_avg[key] = self.b1 * self.exp_avg[key] + (1 - self.b1) * g
            self.exp_avg_sq[key] = self.b2 * self.exp_avg_sq[key] + (1 - self.b2) * g * g
            p -= self.lr * (self.exp_avg[key] / c1) / np.sqrt(self.exp_avg_sq[key] / c2 + self.eps)
