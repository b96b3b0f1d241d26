"""No size check: the neighbours are ``np.argsort(d)[:, 1:k + 1]``, which silently
holds fewer than k columns for a class of k or fewer rows, so no ValueError."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_smote_too_few_rows_raises"
MESSAGE = "returned a result instead of raising ValueError"


def smote(X: ArrayLike, y: ArrayLike, k: int = 5, seed: int = 0) -> tuple[NDArray[np.float64], NDArray]:
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(y, return_counts=True)
    new_X, new_y = [X], [y]
    for c, m in zip(classes, counts):
        need = counts.max() - m
        if need == 0:
            continue
        Xc = X[y == c]
        distances = np.linalg.norm(Xc[:, None, :] - Xc[None, :, :], axis=-1)
        neighbours = np.argsort(distances, axis=1)[:, 1:k + 1]
        base = rng.integers(0, m, size=need)
        partner = neighbours[base, rng.integers(0, neighbours.shape[1], size=need)]
        u = rng.random((need, 1))
        new_X.append(Xc[base] + u * (Xc[partner] - Xc[base]))
        new_y.append(np.full(need, c))
    return np.concatenate(new_X), np.concatenate(new_y)
