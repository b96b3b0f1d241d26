"""The textbook's ``1e-7`` is written into the division; the ``eps`` argument is ignored."""

import numpy as np

CAUGHT_BY = "test_eps_is_used"
MESSAGE = "with so large an eps"


class AdaGrad:
    def __init__(self, lr=0.01, eps=1e-7):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(p) for key, p in params.items()}
        for key in params:
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)
