"""``predict`` returns the softmax probabilities instead of the class labels."""

CAUGHT_BY = "test_predict"
MESSAGE = "shape (12, 3); expected shape (12,)"


def predict(params, X, activation="relu"):
    return forward(params, X, activation)
