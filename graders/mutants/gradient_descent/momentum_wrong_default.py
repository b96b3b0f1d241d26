"""``momentum=0.5`` as the default instead of the contract's 0.9."""

import numpy as np

CAUGHT_BY = "test_optimizer_defaults"
MESSAGE = "Momentum(lr=0.01, momentum=0.9)"


class Momentum:
    def __init__(self, lr=0.01, momentum=0.5):
        self.lr = lr
        self.momentum = momentum
        self.v = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.v:
                self.v[key] = np.zeros_like(params[key])
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]
