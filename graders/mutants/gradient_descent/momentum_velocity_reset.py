"""The velocity is created anew in every call of ``update``, so it never remembers the
previous steps: Momentum degenerates into SGD."""

import numpy as np

CAUGHT_BY = "test_momentum"
MESSAGE = "carry over from one update call to the next"


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum

    def update(self, params, grads):
        v = {key: np.zeros_like(p) for key, p in params.items()}
        for key in params:
            v[key] = self.momentum * v[key] - self.lr * grads[key]
            params[key] += v[key]
