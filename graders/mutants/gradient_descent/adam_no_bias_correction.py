"""Adam uses the raw moments ``m`` and ``v`` without dividing by ``1 - beta ** t``."""

import numpy as np

CAUGHT_BY = "test_adam"
MESSAGE = "m_hat = m / (1 - beta1 ** t)"


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m, self.v = {}, {}

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            self.m[key] = self.beta1 * self.m.get(key, 0.0) + (1 - self.beta1) * g
            self.v[key] = self.beta2 * self.v.get(key, 0.0) + (1 - self.beta2) * g * g
            params[key] -= self.lr * self.m[key] / (np.sqrt(self.v[key]) + self.eps)
