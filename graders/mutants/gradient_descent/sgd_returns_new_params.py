"""``update`` builds and returns a new dict instead of changing the arrays of ``params``;
the caller's parameters never move."""

CAUGHT_BY = "test_update_in_place"
MESSAGE = "in place"


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        return {key: params[key] - self.lr * grads[key] for key in params}
