"""The velocity adds the gradient (``+ lr * g``) and is then added to the parameters:
Momentum walks uphill."""

import numpy as np

CAUGHT_BY = "test_momentum"
MESSAGE = "v = momentum * v - lr * g"


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(p) for key, p in params.items()}
        for key in params:
            self.v[key] = self.momentum * self.v[key] + self.lr * grads[key]
            params[key] += self.v[key]
