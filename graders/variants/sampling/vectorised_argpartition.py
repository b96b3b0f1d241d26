"""Vectorised NumPy in another arrangement: undersampling by a random permutation of
each class, oversampling with ``rng.integers``, SMOTE with squared distances from the
dot-product identity, ``np.argpartition`` for the k nearest, the interpolation written
as ``(1 - u) * x + u * n``, the synthetic rows of all classes shuffled together, and
int32 labels."""

import numpy as np


def random_undersample(X, y, seed=0):
    X, y = np.asarray(X), np.asarray(y)
    rng = np.random.default_rng(seed)
    labels, counts = np.unique(y, return_counts=True)
    keep = np.hstack([rng.permutation(np.where(y == label)[0])[: counts.min()] for label in labels])
    return X[keep], y[keep].astype(np.int32)


def random_oversample(X, y, seed=0):
    X, y = np.asarray(X), np.asarray(y)
    rng = np.random.default_rng(seed)
    labels, counts = np.unique(y, return_counts=True)
    parts = [np.arange(len(y))]
    for label, count in zip(labels, counts):
        own = np.where(y == label)[0]
        parts.append(own[rng.integers(0, count, size=counts.max() - count)])
    rows = np.hstack(parts)
    return X[rows], y[rows].astype(np.int32)


def _k_nearest(points, k):
    squared = (points ** 2).sum(1)
    d2 = squared[:, None] + squared[None, :] - 2.0 * points @ points.T
    d2[np.diag_indices_from(d2)] = np.inf
    return np.argpartition(d2, k - 1, axis=1)[:, :k]


def smote(X, y, k=5, seed=0):
    X, y = np.asarray(X).astype(np.float64), np.asarray(y)
    rng = np.random.default_rng(seed)
    labels, counts = np.unique(y, return_counts=True)
    short = [(label, count) for label, count in zip(labels, counts) if count < counts.max()]
    for label, count in short:
        if count <= k:
            raise ValueError(f"not enough samples in class {label} ({count}) for k={k} nearest neighbours")
    made, made_labels = [np.empty((0, X.shape[1]))], [np.empty(0, dtype=np.int32)]
    for label, count in short:
        points = X[y == label]
        nearest = _k_nearest(points, k)
        n_new = counts.max() - count
        x_idx = rng.integers(count, size=n_new)
        n_idx = nearest[x_idx, rng.integers(k, size=n_new)]
        u = rng.uniform(0.0, 1.0, size=n_new)[:, np.newaxis]
        made.append((1.0 - u) * points[x_idx] + u * points[n_idx])
        made_labels.append(np.full(n_new, label, dtype=np.int32))
    synthetic, synthetic_labels = np.vstack(made), np.concatenate(made_labels)
    order = rng.permutation(len(synthetic))
    return np.vstack([X, synthetic[order]]), np.concatenate([y.astype(np.int32), synthetic_labels[order]])
