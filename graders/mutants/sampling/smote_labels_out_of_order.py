"""The rows are made for the classes from the largest to the smallest, but the labels
are stacked in the order of np.unique(y): the right counts, the wrong label on each row."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_smote_multiclass"
MESSAGE = "so its label should be"


def smote(X: ArrayLike, y: ArrayLike, k: int = 5, seed: int = 0) -> tuple[NDArray[np.float64], NDArray]:
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(y, return_counts=True)
    new_X, new_y = [X], [y]
    for c, m in sorted(zip(classes, counts), key=lambda item: -item[1]):
        need = counts.max() - m
        if need == 0:
            continue
        if m <= k:
            raise ValueError(f"class {c} has {m} rows, too few for k={k} neighbours")
        Xc = X[y == c]
        distances = np.linalg.norm(Xc[:, None, :] - Xc[None, :, :], axis=-1)
        np.fill_diagonal(distances, np.inf)
        neighbours = np.argsort(distances, axis=1)[:, :k]
        base = rng.integers(0, m, size=need)
        partner = neighbours[base, rng.integers(0, k, size=need)]
        u = rng.random((need, 1))
        new_X.append(Xc[base] + u * (Xc[partner] - Xc[base]))
    return np.concatenate(new_X), np.concatenate([y, np.repeat(classes, counts.max() - counts)])
