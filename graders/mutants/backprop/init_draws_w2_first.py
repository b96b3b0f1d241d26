"""The weights come from the right generator but in the wrong order: ``W2`` is
drawn before ``W1``."""

import numpy as np

CAUGHT_BY = "test_init_params_seeded"
MESSAGE = "in result['W1']"


def init_params(input_size, hidden_size, output_size, weight_scale=0.01, seed=0):
    rng = np.random.default_rng(seed)
    W2 = rng.normal(0.0, weight_scale, size=(hidden_size, output_size))
    W1 = rng.normal(0.0, weight_scale, size=(input_size, hidden_size))
    return {"W1": W1, "b1": np.zeros(hidden_size), "W2": W2, "b2": np.zeros(output_size)}
