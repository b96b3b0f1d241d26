"""All the synthetic rows get the label of the smallest class: right for two classes,
wrong as soon as two classes need new rows."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_smote_multiclass"
MESSAGE = "expected {2: 45, 4: 45, 7: 45}"


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
        distances = np.linalg.norm(Xc[:, None, :] - Xc[None, :, :], axis=-1)
        np.fill_diagonal(distances, np.inf)
        neighbours = np.argsort(distances, axis=1)[:, :k]
        base = rng.integers(0, m, size=need)
        partner = neighbours[base, rng.integers(0, k, size=need)]
        u = rng.random((need, 1))
        new_X.append(Xc[base] + u * (Xc[partner] - Xc[base]))
    n_new = sum(len(rows) for rows in new_X) - len(X)
    return np.concatenate(new_X), np.concatenate([y, np.full(n_new, classes[np.argmin(counts)])])
