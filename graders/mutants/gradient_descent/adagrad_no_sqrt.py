"""AdaGrad divides by ``h + eps`` instead of ``sqrt(h) + eps``."""

import numpy as np

CAUGHT_BY = "test_adagrad"
MESSAGE = "np.sqrt(h) + eps"


class AdaGrad:
    def __init__(self, lr=0.01, eps=1e-7):
        self.lr = lr
        self.eps = eps
        self.h = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.h:
                self.h[key] = np.zeros_like(params[key])
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (self.h[key] + self.eps)
