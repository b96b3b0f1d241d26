"""The gradients are always rescaled to ``max_norm``: small gradients are scaled up
(and all-zero gradients become nan)."""

import numpy as np

CAUGHT_BY = "test_clip_grads_small_norm"
MESSAGE = "Your arrays were scaled up"


def clip_grads(grads, max_norm):
    arrays = {key: np.asarray(g, dtype=np.float64) for key, g in grads.items()}
    norm = float(np.sqrt(sum(np.sum(g ** 2) for g in arrays.values())))
    return {key: g * (max_norm / norm) for key, g in arrays.items()}, norm
