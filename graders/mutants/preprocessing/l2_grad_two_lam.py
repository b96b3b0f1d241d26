"""The L2 gradient is ``2 * lam * W``: the derivative of ``W ** 2`` without the 1/2
of the penalty cancelling the 2."""

import numpy as np

CAUGHT_BY = "test_l2_penalty_grad"
MESSAGE = "the 1/2 cancels the 2"


def l2_penalty_grad(params: dict, lam: float) -> dict:
    return {k: 2 * lam * v if k.startswith("W") else np.zeros_like(v) for k, v in params.items()}
