"""The nearest neighbours are searched in the whole ``X``, not in the class: a
synthetic row may lie between a row of the class and a row of another class."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_smote_on_segments_to_neighbours"
MESSAGE = "a row of another class"


def smote(X: ArrayLike, y: ArrayLike, k: int = 5, seed: int = 0) -> tuple[NDArray[np.float64], NDArray]:
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(y, return_counts=True)
    new_X, new_y = [X], [y]
    for c, m in zip(classes, counts):
        need = counts.max() - m
        if need == 0:
            continue
        if m <= k:
            raise ValueError(f"class {c} has {m} rows, too few for k={k} neighbours")
        Xc = X[y == c]
        distances = np.linalg.norm(Xc[:, None, :] - X[None, :, :], axis=-1)
        distances[distances == 0] = np.inf  # the row itself
        neighbours = np.argsort(distances, axis=1)[:, :k]
        base = rng.integers(0, m, size=need)
        partner = neighbours[base, rng.integers(0, k, size=need)]
        u = rng.random((need, 1))
        new_X.append(Xc[base] + u * (X[partner] - Xc[base]))
        new_y.append(np.full(need, c))
    return np.concatenate(new_X), np.concatenate(new_y)
