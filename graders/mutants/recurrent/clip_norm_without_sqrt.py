"""The norm is the sum of the squares, without the square root."""

import numpy as np

CAUGHT_BY = "test_clip_grads"
MESSAGE = "take its square root"


def clip_grads(grads, max_norm):
    arrays = {key: np.asarray(g, dtype=np.float64) for key, g in grads.items()}
    norm = float(sum(np.sum(g ** 2) for g in arrays.values()))
    scale = max_norm / norm if norm > max_norm else 1.0
    return {key: g * scale for key, g in arrays.items()}, norm
