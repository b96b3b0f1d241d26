"""Reference solution: resampling an imbalanced data set.

Each function takes features ``X`` of shape ``(n, d)`` and labels ``y`` of shape
``(n,)`` and returns a new pair ``(X_res, y_res)`` in which every class has the same
number of rows. Randomness comes only from ``np.random.default_rng(seed)``; the
inputs are never modified.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def random_undersample(X: ArrayLike, y: ArrayLike, seed: int = 0) -> tuple[NDArray, NDArray]:
    """Reduce every class to the size of the smallest, drawing rows without replacement.

    The kept rows are returned in their original order.
    """
    X, y = np.asarray(X), np.asarray(y)
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(y, return_counts=True)
    keep = np.concatenate([rng.choice(np.flatnonzero(y == c), size=counts.min(), replace=False)
                           for c in classes])
    keep.sort()
    return X[keep], y[keep]


def random_oversample(X: ArrayLike, y: ArrayLike, seed: int = 0) -> tuple[NDArray, NDArray]:
    """Raise every class to the size of the largest by drawing rows with replacement.

    The original rows come first, in their order, then the drawn copies class by class.
    """
    X, y = np.asarray(X), np.asarray(y)
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(y, return_counts=True)
    extra = [rng.choice(np.flatnonzero(y == c), size=counts.max() - m, replace=True)
             for c, m in zip(classes, counts)]
    rows = np.concatenate([np.arange(len(y))] + extra)
    return X[rows], y[rows]


def smote(X: ArrayLike, y: ArrayLike, k: int = 5, seed: int = 0) -> tuple[NDArray[np.float64], NDArray]:
    """SMOTE: raise every class to the size of the largest with synthetic rows.

    Each synthetic row is ``x + u * (n - x)``: ``x`` a random row of the class, ``n`` one
    of the ``k`` nearest other rows of the same class (Euclidean), ``u`` uniform in
    ``[0, 1]``. The original rows come first, in their order, then the synthetic rows
    class by class. A class that needs new rows but has ``k`` or fewer rows has no ``k``
    neighbours: ``ValueError``.
    """
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(y, return_counts=True)
    new_X, new_y = [X], [y]
    for c, m in zip(classes, counts):
        need = counts.max() - m
        if need == 0:
            continue
        if m <= k:
            raise ValueError(f"class {c!r} has {m} rows but needs new ones: SMOTE needs more than "
                             f"k={k} rows in a class to find k nearest neighbours")
        Xc = X[y == c]
        distances = np.linalg.norm(Xc[:, None, :] - Xc[None, :, :], axis=-1)
        np.fill_diagonal(distances, np.inf)  # a row is not its own neighbour
        neighbours = np.argsort(distances, axis=1)[:, :k]
        base = rng.integers(0, m, size=need)
        partner = neighbours[base, rng.integers(0, k, size=need)]
        u = rng.random((need, 1))
        new_X.append(Xc[base] + u * (Xc[partner] - Xc[base]))
        new_y.append(np.full(need, c, dtype=y.dtype))
    return np.concatenate(new_X), np.concatenate(new_y)
