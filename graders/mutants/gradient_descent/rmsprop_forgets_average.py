"""``h = (1 - rho) * g * g``: the old average (``rho * h``) is dropped, so ``h``
only ever sees the latest gradient. The first update is still right."""

import numpy as np

CAUGHT_BY = "test_rmsprop"
MESSAGE = "h = rho * h + (1 - rho) * g * g"


class RMSprop:
    def __init__(self, lr=0.001, rho=0.9, eps=1e-7):
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.h = {}

    def update(self, params, grads):
        for key in params:
            self.h[key] = (1 - self.rho) * grads[key] ** 2
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + self.eps)
