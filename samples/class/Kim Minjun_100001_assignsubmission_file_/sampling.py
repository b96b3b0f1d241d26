"""Exercise: resampling imbalanced data (불균형 데이터).

When one class is much rarer than another (fraud among card payments, a disease
among check-ups), a model can reach high accuracy by always predicting the
common class and never learn the rare one. Resampling evens out the class counts
of the *training* data before a model sees it. You will write three ways to do it:

- random undersampling (언더샘플링): throw away rows of the large classes;
- random oversampling (오버샘플링): repeat rows of the small classes;
- SMOTE (Synthetic Minority Over-sampling TEchnique): make new, synthetic rows
  (합성 샘플) of the small classes between a row and one of its nearest
  neighbours (최근접 이웃).

Rules for every function here:

- ``X`` has shape ``(n, d)``: one row per sample, one column per feature;
  ``y`` has shape ``(n,)``: the class label of each row. Labels are whatever
  values occur in ``y`` (``[0, 1]``, but also ``[2, 4, 7]``): find them with
  ``np.unique(y, return_counts=True)``.
- Return a pair ``(X_res, y_res)``: a 2-D array with ``X``'s columns and a 1-D
  array with one label per row of ``X_res``. Keep every row with its own label.
- All randomness comes from ``rng = np.random.default_rng(seed)``: the same
  seed gives the same result, another seed another draw. Do not use
  ``np.random.seed`` or ``np.random.choice`` (the global generator).
- Never change ``X`` or ``y`` themselves (no sorting or shuffling in place);
  build new arrays.

Resample only the training data, never the test data: a test set must keep
the real class balance to tell you how the model will do.

Replace each ``raise NotImplementedError(...)`` line with your code; keep the
names and the signatures. Use NumPy only. Check your work with::

    autograde check sampling
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def random_undersample(X: ArrayLike, y: ArrayLike, seed: int = 0) -> tuple[NDArray, NDArray]:
    """Random undersampling (랜덤 언더샘플링): cut every class down to the smallest.

    Let ``m`` be the size of the smallest class. From every class keep ``m`` of
    its rows, chosen at random *without replacement* (no row twice); the
    smallest class is kept whole. The rows may come back in any order (for
    example in their original order).

    >>> X = np.array([[0.0], [1.0], [2.0], [3.0], [10.0]])
    >>> y = np.array([0, 0, 0, 0, 1])
    >>> X_res, y_res = random_undersample(X, y, seed=0)
    >>> y_res                      # one row of each class
    array([0, 1])
    >>> X_res[1]                   # the only row of class 1
    array([10.])

    Pitfalls:

    - ``rng.choice(idx, size=m)`` draws *with* replacement by default: pass
      ``replace=False``.
    - Choose row *indices* and take ``X[idx]`` and ``y[idx]`` with the same
      ``idx``, so that every row keeps its label.
    """
    ### BEGIN SOLUTION
    X, y = np.asarray(X), np.asarray(y)
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(y, return_counts=True)
    keep = np.concatenate([rng.choice(np.flatnonzero(y == c), size=counts.min(), replace=False)
                           for c in classes])
    keep.sort()
    return X[keep], y[keep]
    ### END SOLUTION


def random_oversample(X: ArrayLike, y: ArrayLike, seed: int = 0) -> tuple[NDArray, NDArray]:
    """Random oversampling (랜덤 오버샘플링): raise every class to the largest.

    Let ``M`` be the size of the largest class. Keep *all* the original rows,
    and give each class ``M - count`` extra rows: copies of its own rows,
    drawn at random *with* replacement. The rows may come back in any order
    (for example the originals first, in their order, then the copies class
    by class, as imbalanced-learn's ``RandomOverSampler`` does).

    >>> X = np.array([[0.0], [1.0], [2.0], [10.0]])
    >>> y = np.array([0, 0, 0, 1])
    >>> X_res, y_res = random_oversample(X, y, seed=0)
    >>> X_res.ravel()              # the originals, then 2 copies of [10.]
    array([ 0.,  1.,  2., 10., 10., 10.])
    >>> y_res
    array([0, 0, 0, 1, 1, 1])

    Pitfalls:

    - Drawing ``M`` rows per class with replacement loses originals (some are
      never drawn): keep the originals and draw only the extra rows.
    - The extra rows of a class are drawn from that class only
      (``np.flatnonzero(y == c)`` gives its row indices).
    """
    ### BEGIN SOLUTION
    X, y = np.asarray(X), np.asarray(y)
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(y, return_counts=True)
    extra = [rng.choice(np.flatnonzero(y == c), size=counts.max() - m, replace=True)
             for c, m in zip(classes, counts)]
    rows = np.concatenate([np.arange(len(y))] + extra)
    return X[rows], y[rows]
    ### END SOLUTION


def smote(X: ArrayLike, y: ArrayLike, k: int = 5, seed: int = 0) -> tuple[NDArray[np.float64], NDArray]:
    """SMOTE: raise every class to the largest with synthetic rows (합성 샘플).

    For every class ``c`` with ``count < M`` (``M`` the size of the largest
    class), make ``M - count`` new rows, each one like this:

    1. pick a random row ``x`` of class ``c``;
    2. pick a random ``n`` among the ``k`` nearest *other* rows of class ``c``
       (Euclidean distance, 유클리드 거리; ``x`` is not its own neighbour);
    3. pick ``u`` uniform in ``[0, 1]`` and make ``x + u * (n - x)``: a point on
       the segment from ``x`` to ``n`` (보간, interpolation).

    Return ``X_res`` = the original ``X`` first, unchanged and in its order,
    then the synthetic rows (float64); ``y_res`` = ``y``, then the labels of the
    synthetic rows. The synthetic rows may come in any order (for example
    class by class, in the order of ``np.unique(y)``).

    A class that needs new rows but has ``k`` or fewer rows does not have ``k``
    other rows to choose from: raise ``ValueError`` with a message that says
    which class is too small for ``k``. (A class that needs no new rows is
    fine whatever its size.)

    >>> X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [5.0, 5.0],
    ...               [9.0, 9.0], [8.0, 9.0], [9.0, 8.0]])
    >>> y = np.array([0, 0, 0, 0, 1, 1, 1])
    >>> X_res, y_res = smote(X, y, k=2, seed=0)
    >>> X_res.shape, y_res.tolist()
    ((8, 2), [0, 0, 0, 0, 1, 1, 1, 1])

    The new row ``X_res[7]`` lies between two neighbouring rows of class 1.

    Steps that help: ``Xc = X[y == c]``; all the distances of the class at once
    with ``np.linalg.norm(Xc[:, None, :] - Xc[None, :, :], axis=-1)``, shape
    ``(m, m)``; ``np.fill_diagonal(d, np.inf)`` so a row is never its own
    neighbour; ``np.argsort(d, axis=1)[:, :k]``: the ``k`` nearest of each row.

    Pitfalls:

    - Neighbours come from the same class only, not from the whole ``X``.
    - Use the ``k`` argument; do not write 5 into the body.
    - One ``u`` per synthetic row, shape ``(n_new, 1)``, the same for all its
      features: a ``u`` per feature leaves the segment, and a single ``u`` for
      every row puts them all at the same fraction of their segment.
    - ``u`` outside ``[0, 1]`` (``rng.normal``, ``rng.uniform(-1, 1)``) goes
      beyond ``x`` or ``n``: the point is no longer between them.
    - Convert ``X`` to float first: a synthetic row is rarely whole numbers.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("smote(X, y, k, seed) is not written yet: replace this line with your code")
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
    ### END SOLUTION
