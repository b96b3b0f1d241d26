"""``u`` is drawn from ``rng.uniform(-1, 1)``: half of the synthetic rows land on the
other side of ``x``, outside the segment from ``x`` to ``n``."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_smote_on_segments_to_neighbours"
MESSAGE = "outside [0, 1]"


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
        u = rng.uniform(-1, 1, size=(need, 1))
        new_X.append(Xc[base] + u * (Xc[partner] - Xc[base]))
        new_y.append(np.full(need, c))
    return np.concatenate(new_X), np.concatenate(new_y)
