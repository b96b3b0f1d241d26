"""The L2 penalty is ``lam * sum(W ** 2)``: the 1/2 is missing, so it is twice too large."""

import numpy as np

CAUGHT_BY = "test_l2_penalty"
MESSAGE = "Your penalty is twice too large"


def l2_penalty(params: dict, lam: float) -> float:
    return float(lam * sum(np.sum(v**2) for k, v in params.items() if k.startswith("W")))
