"""The softmax is ``exp(S) / sum(exp(S))`` without subtracting the row's maximum:
scores near 1000 overflow to inf and the probabilities become nan."""

import numpy as np

CAUGHT_BY = "test_forward_large_scores"
MESSAGE = "Your result contains nan or inf"


def forward(params, X, activation="relu"):
    S = _scores(params, X, activation)[3]
    e = np.exp(S)
    return e / e.sum(axis=1, keepdims=True)
