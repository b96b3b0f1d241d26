"""Plain Python loops and lists, the legacy ``np.random.RandomState(seed)`` generator,
classes taken in the order they first appear, every result in a different row order
than the reference: undersampled rows grouped by class in drawn order, oversampled rows
shuffled (the originals are kept, just not first), synthetic rows built one at a time."""

import math

import numpy as np


def _classes(y):
    seen = []
    for label in y.tolist():
        if label not in seen:
            seen.append(label)
    return seen


def random_undersample(X, y, seed=0):
    X, y = np.array(X), np.array(y)
    rng = np.random.RandomState(seed)
    members = {c: [i for i in range(len(y)) if y[i] == c] for c in _classes(y)}
    smallest = min(len(rows) for rows in members.values())
    keep = []
    for c in members:
        order = rng.permutation(len(members[c]))
        keep += [members[c][j] for j in order[:smallest]]
    return X[keep], y[keep]


def random_oversample(X, y, seed=0):
    X, y = np.array(X), np.array(y)
    rng = np.random.RandomState(seed)
    members = {c: [i for i in range(len(y)) if y[i] == c] for c in _classes(y)}
    largest = max(len(rows) for rows in members.values())
    rows = list(range(len(y)))
    for c, own in members.items():
        for _ in range(largest - len(own)):
            rows.append(own[rng.randint(len(own))])
    rows = [rows[j] for j in rng.permutation(len(rows))]
    return X[rows], y[rows]


def smote(X, y, k=5, seed=0):
    X = np.array(X, dtype=float)
    y = np.array(y)
    rng = np.random.RandomState(seed)
    members = {c: [i for i in range(len(y)) if y[i] == c] for c in _classes(y)}
    largest = max(len(rows) for rows in members.values())
    new_rows, new_labels = [], []
    for c, own in members.items():
        if len(own) == largest:
            continue
        if len(own) <= k:
            raise ValueError(f"SMOTE: class {c} has only {len(own)} samples, it needs more than k={k}")
        points = [X[i].tolist() for i in own]
        neighbours = []
        for a, p in enumerate(points):
            others = sorted((math.dist(p, q), b) for b, q in enumerate(points) if b != a)
            neighbours.append([b for _, b in others[:k]])
        for _ in range(largest - len(own)):
            a = rng.randint(len(points))
            b = neighbours[a][rng.randint(k)]
            gap = rng.uniform(0.0, 1.0)
            new_rows.append([xa + gap * (xb - xa) for xa, xb in zip(points[a], points[b])])
            new_labels.append(c)
    if not new_rows:
        return X.copy(), y.copy()
    return np.vstack([X, np.array(new_rows)]), np.concatenate([y, np.array(new_labels, dtype=y.dtype)])
