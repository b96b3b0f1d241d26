"""The draws use ``np.random.randint`` and ``np.random.rand`` (the global generator), so
the seed does nothing and two calls differ."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_smote_seed"
MESSAGE = "two calls with the same seed=7 returned different results"


def smote(X: ArrayLike, y: ArrayLike, k: int = 5, seed: int = 0) -> tuple[NDArray[np.float64], NDArray]:
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    classes, counts = np.unique(y, return_counts=True)
    new_X, new_y = [X], [y]
    for c, m in zip(classes, counts):
        need = counts.max() - m
        if need == 0:
            continue
        if m <= k:
            raise ValueError(f"class {c} has {m} rows, too few for k={k} neighbours")
        Xc = X[y == c]
        distances = np.linalg.norm(Xc[:, None, :] - Xc[None, :, :], axis=-1)
        np.fill_diagonal(distances, np.inf)
        neighbours = np.argsort(distances, axis=1)[:, :k]
        base = np.random.randint(0, m, size=need)
        partner = neighbours[base, np.random.randint(0, k, size=need)]
        u = np.random.rand(need, 1)
        new_X.append(Xc[base] + u * (Xc[partner] - Xc[base]))
        new_y.append(np.full(need, c))
    return np.concatenate(new_X), np.concatenate(new_y)
