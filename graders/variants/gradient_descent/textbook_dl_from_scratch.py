"""The style of 밑바닥부터 시작하는 딥러닝 (Deep Learning from Scratch): np.nditer with
multi_index, the optimizers' state created on the first update (``if self.v is None``),
and Adam written with the folded learning rate ``lr_t`` (Keras's "epsilon hat" form)."""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros_like(x, dtype=float)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        idx = it.multi_index
        tmp_val = x[idx]
        x[idx] = float(tmp_val) + h
        fxh1 = f(x)
        x[idx] = tmp_val - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp_val
        it.iternext()
    return grad


def gradient_descent(grad, x0, lr=0.1, steps=100):
    x = np.array(x0, dtype=float)
    x_history = [x.copy()]
    for i in range(steps):
        x -= lr * grad(x)
        x_history.append(x.copy())
    return x, np.array(x_history)


def linear_regression_gd(X, y, lr=0.01, epochs=1000):
    X = np.array(X, dtype=float)
    y = np.array(y, dtype=float)
    n = X.shape[0]
    w = np.zeros(X.shape[1])
    b = 0.0
    loss_list = []
    for epoch in range(epochs):
        y_pred = np.dot(X, w) + b
        loss_list.append(np.mean((y_pred - y) ** 2))
        dw = (2 / n) * np.dot(X.T, y_pred - y)
        db = (2 / n) * np.sum(y_pred - y)
        w -= lr * dw
        b -= lr * db
    return w, b, loss_list


def step_decay(lr0, epoch, drop=0.5, epochs_drop=10):
    return lr0 * np.power(drop, np.floor(epoch / epochs_drop))


def exponential_decay(lr0, epoch, k=0.1):
    return lr0 * np.exp(-k * epoch)


def inverse_time_decay(lr0, epoch, decay_rate=0.1):
    return lr0 / (1 + decay_rate * epoch)


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params.keys():
            params[key] -= self.lr * grads[key]


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {}
            for key, val in params.items():
                self.v[key] = np.zeros_like(val)
        for key in params.keys():
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]


class AdaGrad:
    def __init__(self, lr=0.01, eps=1e-7):
        self.lr = lr
        self.eps = eps
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {}
            for key, val in params.items():
                self.h[key] = np.zeros_like(val)
        for key in params.keys():
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + self.eps)


class RMSprop:
    def __init__(self, lr=0.001, rho=0.9, eps=1e-7):
        self.lr = lr
        self.decay_rate = rho
        self.eps = eps
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {}
            for key, val in params.items():
                self.h[key] = np.zeros_like(val)
        for key in params.keys():
            self.h[key] *= self.decay_rate
            self.h[key] += (1 - self.decay_rate) * grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + self.eps)


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.iter = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m, self.v = {}, {}
            for key, val in params.items():
                self.m[key] = np.zeros_like(val)
                self.v[key] = np.zeros_like(val)
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
        for key in params.keys():
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + self.eps)
