"""The returned norm is that of the clipped arrays (``max_norm`` whenever clipping
happened), not the norm of ``grads`` as given."""

import numpy as np

CAUGHT_BY = "test_clip_grads"
MESSAGE = "Return the norm of grads as given (before clipping)"


def clip_grads(grads, max_norm):
    clipped = {key: np.asarray(g, dtype=np.float64) for key, g in grads.items()}
    norm = float(np.sqrt(sum(np.sum(g ** 2) for g in clipped.values())))
    if norm > max_norm:
        clipped = {key: g * (max_norm / norm) for key, g in clipped.items()}
        norm = float(np.sqrt(sum(np.sum(g ** 2) for g in clipped.values())))
    return clipped, norm
