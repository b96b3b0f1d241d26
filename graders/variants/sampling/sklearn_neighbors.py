"""A learner who knows scikit-learn: ``NearestNeighbors`` (asking for k + 1 and
dropping the first column, the point itself), the size check in a helper with a
message in Korean, ``rng.choice`` on rows rather than indices, and the originals of
the oversampled data first with the copies of each class in reverse class order."""

import numpy as np
from sklearn.neighbors import NearestNeighbors


def _check(label, count, k):
    if count <= k:
        raise ValueError(f"클래스 {label}의 샘플이 {count}개뿐이라 이웃 {k}개를 찾을 수 없습니다")


def random_undersample(X, y, seed=0):
    X, y = np.asarray(X), np.asarray(y)
    rng = np.random.default_rng(seed)
    labels, counts = np.unique(y, return_counts=True)
    picked = [rng.choice(np.flatnonzero(y == c), counts.min(), replace=False, shuffle=False) for c in labels]
    idx = np.concatenate(picked)
    return X[idx], y[idx]


def random_oversample(X, y, seed=0):
    X, y = np.asarray(X), np.asarray(y)
    rng = np.random.default_rng(seed)
    labels, counts = np.unique(y, return_counts=True)
    xs, ys = [X], [y]
    for c, n in zip(labels[::-1], counts[::-1]):
        if n < counts.max():
            xs.append(rng.choice(X[y == c], counts.max() - n, axis=0))
            ys.append(np.repeat(c, counts.max() - n))
    return np.concatenate(xs), np.concatenate(ys)


def smote(X, y, k=5, seed=0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    rng = np.random.default_rng(seed)
    labels, counts = np.unique(y, return_counts=True)
    xs, ys = [X], [y]
    for c, n in zip(labels, counts):
        if n == counts.max():
            continue
        _check(c, n, k)
        Xc = X[y == c]
        neighbours = NearestNeighbors(n_neighbors=k + 1).fit(Xc).kneighbors(Xc, return_distance=False)[:, 1:]
        need = counts.max() - n
        x = rng.integers(0, n, need)
        partner = neighbours[x, rng.integers(0, k, need)]
        step = rng.random(need)[:, None]
        xs.append(Xc[x] + step * (Xc[partner] - Xc[x]))
        ys.append(np.full(need, c))
    return np.concatenate(xs), np.concatenate(ys)
