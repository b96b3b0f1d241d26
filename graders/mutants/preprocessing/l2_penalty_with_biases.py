"""The L2 penalty sums the squares of every entry of ``params``, biases included."""

import numpy as np

CAUGHT_BY = "test_l2_penalty"
MESSAGE = "You included the biases"


def l2_penalty(params: dict, lam: float) -> float:
    return float(0.5 * lam * sum(np.sum(v**2) for v in params.values()))
