"""``g = grads[key]; g *= self.lr`` scales the caller's gradient array in place."""

CAUGHT_BY = "test_inputs_unchanged"
MESSAGE = "only the arrays of params may change"


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            g = grads[key]
            g *= self.lr
            params[key] -= g
