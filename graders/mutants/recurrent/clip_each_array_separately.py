"""Each array is clipped by its own norm instead of all of them by the global norm,
which changes the direction of the whole gradient."""

import numpy as np

CAUGHT_BY = "test_clip_grads"
MESSAGE = "clipped by its own norm"


def clip_grads(grads, max_norm):
    clipped, total = {}, 0.0
    for key, g in grads.items():
        g = np.asarray(g, dtype=np.float64)
        norm = np.sqrt(np.sum(g ** 2))
        total += norm ** 2
        clipped[key] = g * (max_norm / norm) if norm > max_norm else g.copy()
    return clipped, float(np.sqrt(total))
