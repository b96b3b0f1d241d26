"""Any activation other than "relu" silently means the sigmoid: a typo such as
``activation="tanh"`` trains a different network instead of raising ValueError."""

CAUGHT_BY = "test_unknown_activation"
MESSAGE = "instead of raising ValueError"


def _activation(activation):
    return activation
