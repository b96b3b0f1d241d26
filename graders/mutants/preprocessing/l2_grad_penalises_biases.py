"""The L2 gradient is ``lam * p`` for every entry, biases included."""

import numpy as np

CAUGHT_BY = "test_l2_penalty_grad"
MESSAGE = "their gradient is zero"


def l2_penalty_grad(params: dict, lam: float) -> dict:
    return {k: lam * np.asarray(v, dtype=np.float64) for k, v in params.items()}
