"""The textbook's clipping, ``grad *= rate`` on the caller's arrays: the result is right,
but ``grads`` is changed."""

import numpy as np

CAUGHT_BY = "test_inputs_unchanged"
MESSAGE = "changed its input (argument 1["


def clip_grads(grads, max_norm):
    total_norm = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
    rate = max_norm / (total_norm + 1e-6)
    if rate < 1:
        for g in grads.values():
            g *= rate
    return grads, float(total_norm)
