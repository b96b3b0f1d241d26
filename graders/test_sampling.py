"""Grader: sampling — imbalanced data (불균형 데이터): random under- and oversampling, SMOTE.

Resampling is random, and a correct solution may draw in any order, so nothing here is
compared value for value with the reference: the tests check the properties the
contract names (class counts, rows taken from X, originals kept, synthetic rows on the
segments between neighbours, seeds) on seeded random data.
"""

import numpy as np
import pytest

from autograde.compare import assert_unchanged, expect_raises, fail
from autograde.compare.format import short
from autograde.i18n import t

SEED_HINT = ("Make every random draw from rng = np.random.default_rng(seed), created from the seed "
             "argument: not from np.random.* (the global generator) and not with a fixed seed.")
PAIR_HINT = "End with `return X_res, y_res`: the resampled features (one row per sample) and their labels."


# ---------------------------------------------------------------------------- data

def _data(rng, counts, d=3, spread=4.0, apart=False):
    """``counts`` maps label -> rows; each class scattered around its own centre (the
    centres ``spread`` apart, roughly: 1.0 makes the classes overlap), the classes
    interleaved in a random order (so that the originals are not sorted by class).
    ``apart=True`` puts the centres 20 apart on a line instead: no row's nearest
    neighbours are of another class, whatever the draw (tests about something else)."""
    blocks, labels = [], []
    for i, (label, m) in enumerate(counts.items()):
        centre = 20.0 * i * np.eye(d)[0] if apart else rng.normal(scale=spread, size=d)
        blocks.append(centre + rng.normal(size=(m, d)))
        labels.append(np.full(m, label, dtype=np.int64))
    order = rng.permutation(sum(counts.values()))
    return np.concatenate(blocks)[order], np.concatenate(labels)[order]


def _tol(X):
    """Closeness for "the same point": far below the spacing of the data, far above rounding."""
    return 1e-6 * max(1.0, float(np.abs(X).max()))


def _counts(labels):
    values, counts = np.unique(labels, return_counts=True)
    return {v.item(): int(c) for v, c in zip(values, counts)}


# ---------------------------------------------------------------------------- results

def _what(value):
    if isinstance(value, np.ndarray):
        return t("an array of shape {shape} and dtype {dtype}", shape=str(value.shape), dtype=str(value.dtype))
    return t("a {type} ({value})", type=type(value).__name__, value=short(value, limit=60))


def _pair(record, X):
    """The learner's ``(X_res, y_res)``, after checking its types and shapes."""
    value = record.value
    if not (isinstance(value, (tuple, list)) and len(value) == 2):
        fail(t("your function returned {what}; expected a pair (X_res, y_res).", what=_what(value)), call=record.call,
             hint=PAIR_HINT)
    X_res, y_res = value
    d = X.shape[1]
    if not isinstance(X_res, np.ndarray) or X_res.ndim != 2 or X_res.shape[1] != d:
        fail(t("X_res is {what}; expected a 2-D array with {d} columns, like X (one row per sample).",
               what=_what(X_res), d=d), call=record.call,
             hint="Stack rows with np.concatenate([...], axis=0) (or np.vstack), so that X_res keeps X's columns.")
    if not isinstance(y_res, np.ndarray) or y_res.shape != (len(X_res),):
        fail(t("y_res is {what}; expected a 1-D array with one label per row of X_res ({rows} rows).",
               what=_what(y_res), rows=len(X_res)), call=record.call,
             hint="y_res holds the label of each row of X_res, in the same order: shape (len(X_res),).")
    return X_res, y_res


def _assert_counts(record, y, y_res, size, rule, hint):
    got, want = _counts(y_res), {c: size for c in _counts(y)}
    if got != want:
        fail(t("y_res has the class counts {got}; expected {want} ({rule}). The input's counts were {counts}.",
               got=str(got), want=str(want), rule=rule, counts=str(_counts(y))), call=record.call, hint=hint)


def _source_rows(X_res, X):
    """For each row of ``X_res``, the index of the row of ``X`` it equals, or -1."""
    gap = np.abs(X_res[:, None, :] - X[None, :, :]).max(axis=-1)
    nearest = gap.argmin(axis=1)
    return np.where(gap[np.arange(len(X_res)), nearest] <= _tol(X), nearest, -1)


def _assert_rows_of_original(record, X, y, X_res, y_res):
    """Every row of X_res is a row of X, with that row's label; returns the row indices."""
    source = _source_rows(X_res, X)
    new = np.flatnonzero(source < 0)
    if new.size:
        i = new[0]
        fail(t("{new} of {total} rows of X_res are not rows of X (the first is row {row}: {value}).",
               new=new.size, total=len(X_res), row=int(i), value=short(X_res[i])), call=record.call,
             hint="Random resampling copies whole rows of X (X[indices]); it never makes new values.")
    wrong = np.flatnonzero(y[source] != y_res)
    if wrong.size:
        i = wrong[0]
        fail(t("{wrong} of {total} rows of X_res have another label than in the input: row {row} of "
               "X_res is row {source} of X, whose label is {label}, but y_res[{row}] is {got}.",
               wrong=wrong.size, total=len(X_res), row=int(i), source=int(source[i]), label=format(y[source[i]]),
               got=format(y_res[i])), call=record.call,
             hint="Take X and y with the same indices (X[idx], y[idx]) so that every row keeps its own label.")
    return source


def _assert_seeded(function, X, y, **kwargs):
    """Same seed, same result; different seeds, different results."""
    first = function.call(X, y, seed=7, **kwargs)
    again = function.call(X, y, seed=7, **kwargs)
    a, b = _pair(first, X), _pair(again, X)
    if not (np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])):
        fail("two calls with the same seed=7 returned different results; the same seed must give the same "
             "rows.", call=first.call, hint=SEED_HINT)
    records = [function.call(X, y, seed=s, **kwargs) for s in (0, 1, 2)]
    results = [_pair(r, X) for r in records]
    if all(np.array_equal(r[0], results[0][0]) for r in results):
        fail("seed=0, seed=1 and seed=2 all returned exactly the same rows; a different seed must give a "
             "different random draw.", call=records[0].call,
             hint="Pass the seed argument on: rng = np.random.default_rng(seed), not default_rng(0) or "
             "default_rng().")

# ---------------------------------------------------------------------------- SMOTE geometry

def _pairs(Xc, k):
    """(i, j) for each row i of Xc and each of its k nearest other rows j (ties at the k-th
    distance included, so that any tie-breaking is accepted)."""
    dist = np.linalg.norm(Xc[:, None, :] - Xc[None, :, :], axis=-1)
    np.fill_diagonal(dist, np.inf)
    k = min(k, len(Xc) - 1)
    if k < 1:
        return np.zeros(0, dtype=int), np.zeros(0, dtype=int)
    kth = np.sort(dist, axis=1)[:, k - 1:k]
    return np.nonzero(dist <= kth * (1 + 1e-9))


def _fit(S, A, B):
    """For each row of S and the segments A[p] -> B[p]: the distance to the nearest segment,
    the u in [0, 1] of that nearest point, and the distance to the nearest *line* with its u."""
    if len(A) == 0:
        inf = np.full(len(S), np.inf)
        return inf, np.zeros(len(S)), inf, np.zeros(len(S))
    v = B - A
    w = S[:, None, :] - A[None, :, :]
    vv = (v * v).sum(-1)
    u = np.divide((w * v).sum(-1), vv, out=np.zeros((len(S), len(A))), where=vv > 0)
    rows = np.arange(len(S))
    on_segment = np.clip(u, 0.0, 1.0)
    seg = np.linalg.norm(w - on_segment[..., None] * v, axis=-1)
    line = np.linalg.norm(w - u[..., None] * v, axis=-1)
    s_best, l_best = seg.argmin(1), line.argmin(1)
    return seg[rows, s_best], on_segment[rows, s_best], line[rows, l_best], u[rows, l_best]


def _valid(X, y, c, k):
    """The segments a row of class c may lie on: x -> n for its k nearest neighbours n, and
    x itself (an original row)."""
    Xc = X[y == c]
    i, j = _pairs(Xc, k)
    return np.concatenate([Xc[i], Xc]), np.concatenate([Xc[j], Xc])


def _diagnose(s, c, X, y, k, tol):
    """(what is wrong with the off-segment row s of label c, the hint for that mistake)."""
    classes = np.unique(y)
    for other in classes[classes != c]:
        if _fit(s[None], *_valid(X, y, other, k))[0][0] <= tol:
            return (t("it lies between two neighbouring rows of class {other}, so its label should be "
                      "{other}, not {c}", other=format(other), c=format(c)),
                    t("Give each synthetic row the label of the class it was made from "
                      "(np.full(n_new, c)), stacked in the same order as the rows."))
    if c not in classes:
        return (t("{c} is not a label of y", c=format(c)), t("The labels in y_res must be labels that occur in y."))
    line, u = _fit(s[None], *_valid(X, y, c, k))[2:]
    if line[0] <= tol:
        return (t("it lies on the line through a row x and one of its neighbours n, but at u = {u:.3g}, "
                  "outside [0, 1], so it is not between them", u=float(u[0])),
                t("Draw u uniform in [0, 1] (rng.random() or rng.uniform(0, 1)): x + u * (n - x) then lies on "
                  "the segment from x to n."))
    Xc = X[y == c]
    if _fit(s[None], *_valid(X, y, c, len(Xc)))[0][0] <= tol:
        return (t("it lies between two rows of class {c}, but the second is not among the first's k={k} "
                  "nearest neighbours", c=format(c), k=k),
                t("Take n among the k nearest other rows of the same class only: sort each row's distances "
                  "(np.argsort) after putting np.inf on the diagonal, keep the first k, and use the k argument."))
    if _fit(s[None], np.repeat(Xc, len(X), axis=0), np.tile(X, (len(Xc), 1)))[0][0] <= tol:
        return (t("it lies between a row of class {c} and a row of another class", c=format(c)),
                t("Look for neighbours among the rows of the same class only (Xc = X[y == c]), not in the "
                  "whole X."))
    A, B = _valid(X, y, c, k)
    low, high = np.minimum(A, B) - tol, np.maximum(A, B) + tol
    if np.any(np.all((s >= low) & (s <= high), axis=1)):
        return (t("it lies inside the box between a row and its neighbour but not on the segment between "
                  "them: each feature moved by a different fraction"),
                t("Draw one u per synthetic row, shape (n_new, 1), so that every feature moves by the same "
                  "fraction of n - x; a u per feature leaves the segment."))
    return (t("it is not x + u * (n - x) for any row x of class {c}, neighbour n and u in [0, 1]", c=format(c)),
            t("Each synthetic row is x + u * (n - x): x a row of the class, n one of its k nearest other rows "
              "of the same class, u uniform in [0, 1]."))


def _assert_on_segments(record, X, y, X_res, y_res, k):
    """Every row of X_res labelled c is an original row of class c or lies on a segment
    from a class-c row to one of its k nearest class-c neighbours. Returns, for each row
    of X_res, the u of the nearest point on those segments."""
    tol = _tol(X)
    distance, u = np.full(len(X_res), np.inf), np.zeros(len(X_res))
    for c in np.unique(y):
        rows = np.flatnonzero(y_res == c)
        distance[rows], u[rows] = _fit(X_res[rows], *_valid(X, y, c, k))[:2]
    bad = np.flatnonzero(~(distance <= tol))  # NaN rows are bad too
    if bad.size:
        i = bad[0]
        what, hint = _diagnose(X_res[i], y_res[i].item(), X, y, k, tol)
        fail(t("{bad} of {total} rows of X_res are neither original rows nor x + u * (n - x) with x "
               "a row of their class, n one of x's k={k} nearest neighbours in that class and u in [0, 1].\n"
               "Row {row}, {value} with label {label}: {what}.", bad=bad.size, total=len(X_res), k=k, row=int(i),
               value=short(X_res[i]), label=format(y_res[i]), what=what), call=record.call, hint=hint)
    return u


def _assert_originals_first(record, X, y, X_res, y_res):
    n = len(X)
    if len(X_res) < n:
        fail(t("X_res has {rows} rows, fewer than X ({n}); SMOTE keeps every original row and adds new ones.",
               rows=len(X_res), n=n), call=record.call,
             hint="Start from the originals and append: np.concatenate([X, X_new]).")
    differ = np.flatnonzero(~(np.abs(X_res[:n] - X).max(axis=1) <= _tol(X)))
    if differ.size:
        i = differ[0]
        source = _source_rows(X_res[:n], X)
        if np.all(_source_rows(X_res[-n:], X) == np.arange(n)):
            hint = t("The originals must come first: np.concatenate([X, X_new]), not [X_new, X].")
        elif np.all(np.sort(source) == np.arange(n)):
            hint = t("Keep the original rows in their input order (X itself), not grouped by class.")
        else:
            hint = t("X_res starts with X, unchanged and in its order; the synthetic rows follow.")
        fail(t("the first {n} rows of X_res should be X itself, but {differ} of them differ; row {row} of "
               "X_res is {got}, row {row} of X is {expected}.", n=n, differ=differ.size, row=int(i),
               got=short(X_res[i]), expected=short(X[i])), call=record.call, hint=hint)
    if not np.array_equal(y_res[:n], y):
        i = int(np.flatnonzero(y_res[:n] != y)[0])
        fail(t("the first {n} labels of y_res should be y itself; y_res[{i}] is {got}, y[{i}] is {expected}.",
               n=n, i=i, got=format(y_res[i]), expected=format(y[i])), call=record.call,
             hint="y_res starts with y, then the labels of the synthetic rows.")


def _smote_checked(student, X, y, **kwargs):
    """Call smote; check the pair, the balanced counts and the originals first."""
    record = student.smote.call(X, y, **kwargs)
    X_res, y_res = _pair(record, X)
    _assert_counts(record, y, y_res, max(_counts(y).values()), t("every class raised to the size of the largest"),
                   t("Each class gets (largest count - its count) synthetic rows."))
    _assert_originals_first(record, X, y, X_res, y_res)
    return record, X_res, y_res


def _expect_value_error(function, X, y, **kwargs):
    """The learner's own ``raise ValueError(...)``, with a message, for a class too small for k."""
    why = t("class 1 has {rows} rows and needs new ones, but with k={k} it has fewer than k other rows to choose "
            "neighbours from", rows=int(np.sum(y == 1)), k=kwargs["k"])
    hint = t("Before searching neighbours, check every class that needs new rows: if it has k or fewer rows, "
             "raise ValueError(...) with a message that says which class is too small for k.")
    exc = expect_raises(function, "ValueError", X, y, own=True, reason=why, hint=hint, **kwargs)
    if not exc.message.strip():
        fail(t("your code raised ValueError without a message; say why: {why}.", why=why), call=exc.call, hint=hint)


# ---------------------------------------------------------------------------- random_undersample

@pytest.mark.points(2)
@pytest.mark.hint("Find the smallest class count (np.unique(y, return_counts=True)) and keep that many rows "
                  "of every class.")
def test_undersample_balanced(student, rng):
    for counts in ({0: 30, 1: 8}, {0: 12, 1: 25, 2: 6}):
        X, y = _data(rng, counts)
        record = student.random_undersample.call(X, y, seed=0)
        X_res, y_res = _pair(record, X)
        _assert_counts(record, y, y_res, min(counts.values()), t("every class reduced to the size of the smallest"),
                       t("Keep min(counts) rows of each class: the smallest class is kept whole, the others "
                         "are cut down to its size."))


@pytest.mark.points(2)
@pytest.mark.hint("Pick row indices, then return X[idx] and y[idx] with the same idx.")
def test_undersample_rows_come_from_original(student, rng):
    X, y = _data(rng, {0: 10, 1: 35, 2: 18})
    record = student.random_undersample.call(X, y, seed=3)
    _assert_rows_of_original(record, X, y, *_pair(record, X))


@pytest.mark.points(1)
@pytest.mark.hint("Draw without replacement: rng.choice(indices, size=n_min, replace=False).")
def test_undersample_without_replacement(student, rng):
    X, y = _data(rng, {0: 40, 1: 12})
    record = student.random_undersample.call(X, y, seed=1)
    X_res, y_res = _pair(record, X)
    source = _assert_rows_of_original(record, X, y, X_res, y_res)
    rows, times = np.unique(source, return_counts=True)
    if np.any(times > 1):
        fail(t("{rows} rows of X appear more than once in X_res (row {row} appears {times} times); undersampling "
               "keeps each row at most once.", rows=int(np.sum(times > 1)), row=int(rows[times > 1][0]),
               times=int(times.max())), call=record.call,
             hint="Draw the kept rows without replacement: rng.choice(indices, size=n_min, replace=False) "
             "(the default of rng.choice is replace=True).")


@pytest.mark.points(1)
@pytest.mark.hint(SEED_HINT)
def test_undersample_seed(student, rng):
    _assert_seeded(student.random_undersample, *_data(rng, {0: 40, 1: 10}))


# ---------------------------------------------------------------------------- random_oversample

@pytest.mark.points(2)
@pytest.mark.hint("Find the largest class count and give every class that many rows.")
def test_oversample_balanced(student, rng):
    for counts in ({0: 30, 1: 8}, {0: 12, 1: 25, 2: 6}):
        X, y = _data(rng, counts)
        record = student.random_oversample.call(X, y, seed=0)
        X_res, y_res = _pair(record, X)
        _assert_counts(record, y, y_res, max(counts.values()), t("every class raised to the size of the largest"),
                       t("Each class gets (largest count - its count) extra rows, drawn with replacement "
                         "from its own rows: the largest class, not the smallest, sets the size."))


@pytest.mark.points(2)
@pytest.mark.hint("Keep all the original rows and add copies of rows drawn from the same class: "
                  "np.concatenate([X, X[extra]]).")
def test_oversample_keeps_originals(student, rng):
    X, y = _data(rng, {0: 9, 1: 30, 2: 16})
    record = student.random_oversample.call(X, y, seed=2)
    X_res, y_res = _pair(record, X)
    source = _assert_rows_of_original(record, X, y, X_res, y_res)
    missing = np.setdiff1d(np.arange(len(X)), source)
    if missing.size:
        j = missing[0]
        fail(t("{missing} of the {total} original rows are missing from X_res (the first is row {row} of X, "
               "label {label}); oversampling keeps every original row and adds copies.", missing=missing.size,
               total=len(X), row=int(j), label=format(y[j])), call=record.call,
             hint="Keep the originals and draw only the extra rows: the new rows are np.concatenate([X, "
             "X[extra]]), where extra holds (largest - count) indices drawn with replacement per class.")


@pytest.mark.points(1)
@pytest.mark.hint(SEED_HINT)
def test_oversample_seed(student, rng):
    _assert_seeded(student.random_oversample, *_data(rng, {0: 10, 1: 40}))


# ---------------------------------------------------------------------------- smote

@pytest.mark.points(1)
@pytest.mark.hint("Each class gets (largest count - its count) synthetic rows.")
def test_smote_balanced(student, rng):
    X, y = _data(rng, {0: 40, 1: 12})
    record = student.smote.call(X, y, seed=0)
    X_res, y_res = _pair(record, X)
    _assert_counts(record, y, y_res, 40, t("every class raised to the size of the largest"),
                   t("Each class gets (largest count - its count) synthetic rows; the largest class gets none."))


@pytest.mark.points(2)
@pytest.mark.hint("X_res = np.concatenate([X, X_new]) and y_res = np.concatenate([y, y_new]): the originals "
                  "first, unchanged and in their order.")
def test_smote_originals_first(student, rng):
    _smote_checked(student, *_data(rng, {0: 14, 1: 40}), seed=1)


@pytest.mark.points(3)
@pytest.mark.hint("Each synthetic row is x + u * (n - x): x a row of the class, n one of its k nearest other "
                  "rows of the same class, u uniform in [0, 1].")
def test_smote_on_segments_to_neighbours(student, rng):
    X, y = _data(rng, {0: 50, 1: 15}, spread=1.0)  # overlapping: the nearest rows are often of the other class
    record = student.smote.call(X, y, seed=2)
    _assert_on_segments(record, X, y, *_pair(record, X), k=5)


@pytest.mark.points(2)
@pytest.mark.hint("A row is not its own neighbour: put np.inf on the diagonal of the distance matrix (or skip "
                  "the first column of the sorted distances) before taking the k nearest.")
def test_smote_not_copies(student, rng):
    X, y = _data(rng, {0: 100, 1: 20})
    record = student.smote.call(X, y, seed=3)
    X_res, _ = _pair(record, X)
    copies = int(np.sum(_source_rows(X_res, X) >= 0)) - len(X)
    n_new = len(X_res) - len(X)
    if n_new > 0 and copies > n_new // 20:
        fail(t("{copies} of the {n_new} new rows are exact copies of original rows; SMOTE makes new points "
               "between a row and a neighbour (a copy happens only when u is exactly 0).", copies=copies,
               n_new=n_new), call=record.call)


@pytest.mark.points(1)
@pytest.mark.hint("Draw a new u for every synthetic row, rng.random((n_new, 1)), not one number for all.")
def test_smote_random_position(student, rng):
    X, y = _data(rng, {0: 120, 1: 20})
    record = student.smote.call(X, y, seed=4)
    X_res, y_res = _pair(record, X)
    u = _assert_on_segments(record, X, y, X_res, y_res, k=5)[_source_rows(X_res, X) < 0]  # the new rows
    # Which end is x and which is n cannot be told apart (neighbours are often mutual):
    # compare min(u, 1 - u), uniform on [0, 0.5] (mean 0.25, std 0.144) when u is uniform.
    folded = np.minimum(u, 1.0 - u)
    if len(folded) >= 50 and not (folded.std() > 0.07 and 0.15 < folded.mean() < 0.35):
        fail(t("the new rows do not spread along their segments as a uniform u would: min(u, 1 - u) has mean "
               "{mean:.3f} and std {std:.3f} over {rows} rows (uniform u: 0.25 and 0.144).",
               mean=float(folded.mean()), std=float(folded.std()), rows=len(u)), call=record.call)


@pytest.mark.points(2)
@pytest.mark.hint("Use the k argument: with k=1 every synthetic row lies between a row and its single nearest "
                  "neighbour.")
def test_smote_k_argument(student, rng):
    for k in (1, 2):
        X, y = _data(rng, {0: 40, 1: 12}, apart=True)
        record = student.smote.call(X, y, k=k, seed=5)
        _assert_on_segments(record, X, y, *_pair(record, X), k=k)


@pytest.mark.points(2)
@pytest.mark.hint("Work class by class (for c in np.unique(y)): each class that is smaller than the largest "
                  "gets its own synthetic rows, made from its own rows, with its own label.")
def test_smote_multiclass(student, rng):
    X, y = _data(rng, {7: 45, 2: 12, 4: 25})
    record, X_res, y_res = _smote_checked(student, X, y, seed=6)
    _assert_on_segments(record, X, y, X_res, y_res, k=5)


@pytest.mark.points(2)
@pytest.mark.hint("Before searching neighbours, check every class that needs new rows: if it has k or fewer "
                  "rows, raise ValueError(...) with a message that says which class is too small for k.")
def test_smote_too_few_rows_raises(student, rng):
    for minority, k in ((5, 5), (3, 5), (2, 2)):
        X, y = _data(rng, {0: 20, 1: minority})
        _expect_value_error(student.smote, X, y, k=k, seed=0)


@pytest.mark.points(1)
@pytest.mark.hint("Raise only for a class that needs new rows and has k or fewer rows: a class of k + 1 rows "
                  "has k neighbours for every row, and a class that is already the largest needs none.")
def test_smote_class_sizes_at_the_limit(student, rng):
    X, y = _data(rng, {0: 20, 1: 4}, apart=True)
    record, X_res, y_res = _smote_checked(student, X, y, k=3, seed=0)
    _assert_on_segments(record, X, y, X_res, y_res, k=3)
    X, y = _data(rng, {0: 3, 1: 3})  # balanced already: nothing to make, whatever k
    _smote_checked(student, X, y, k=5, seed=0)


@pytest.mark.points(1)
@pytest.mark.hint("Convert X to floats first, np.asarray(X, dtype=float): x + u * (n - x) is rarely a whole "
                  "number, and an integer array would cut it off.")
def test_smote_dtype_and_shape(student, rng):
    X, y = _data(rng, {0: 30, 1: 10})
    for features in (X, rng.integers(-20, 20, size=X.shape)):
        record = student.smote.call(features, y, seed=0)
        X_res, _ = _pair(record, features)
        if X_res.dtype.kind != "f":
            fail(t("X_res has dtype {dtype}; expected floats (the synthetic rows lie between rows, so "
                   "they are not whole numbers).", dtype=str(X_res.dtype)), call=record.call)
        if X_res.shape != (60, X.shape[1]):
            fail(t("X_res has shape {shape}; expected (60, {columns}): 30 rows of each class.",
                   shape=str(X_res.shape), columns=X.shape[1]), call=record.call)


@pytest.mark.points(1)
@pytest.mark.hint(SEED_HINT)
def test_smote_seed(student, rng):
    _assert_seeded(student.smote, *_data(rng, {0: 30, 1: 10}))


@pytest.mark.points(1)
@pytest.mark.hint("Leave the caller's X and y alone: build new arrays (X[idx], np.concatenate) instead of "
                  "changing, sorting or shuffling X and y in place.")
def test_inputs_unchanged(student, rng):
    X, y = _data(rng, {0: 25, 1: 8, 2: 12})
    assert_unchanged(student.random_undersample.call(X, y, seed=0))
    assert_unchanged(student.random_oversample.call(X, y, seed=0))
    assert_unchanged(student.smote.call(X, y, seed=0))


### BEGIN HIDDEN TESTS
def _two_clusters(rng):
    """A minority class of 30 rows in two clusters (so that neighbours matter) inside a
    majority class of 300 rows centred elsewhere (so that the wrong partners show)."""
    minority = np.concatenate([rng.normal(size=(15, 3)) * 0.6 + 2.0, rng.normal(size=(15, 3)) * 0.4 - 1.0])
    majority = rng.normal(size=(300, 3)) * 1.5 + np.array([4.0, -3.0, 1.0])
    X = np.concatenate([majority[:150], minority, majority[150:]])
    return X, np.repeat(np.array([0, 1, 0]), [150, 30, 150])


@pytest.mark.hidden
@pytest.mark.points(3)
@pytest.mark.timeout(30)
@pytest.mark.hint("The synthetic rows should be distributed as imbalanced-learn's SMOTE makes them: "
                  "x + u * (n - x) with x a random row of the class, n a random one of its k nearest "
                  "neighbours in the class and u uniform in [0, 1].")
def test_smote_distribution_matches_imblearn(student, rng):
    from imblearn.over_sampling import SMOTE  # ~1.5 s to import: only in this test

    X, y = _two_clusters(rng)
    n = len(X)
    mine = []
    for seed in range(5):
        record, X_res, _ = _smote_checked(student, X, y, seed=seed)
        mine.append(X_res[n:])
    mine = np.concatenate(mine)
    theirs = np.concatenate([SMOTE(k_neighbors=5, random_state=s).fit_resample(X, y)[0][n:] for s in range(10)])
    minority = X[y == 1]
    scale = minority.std(axis=0)
    # Tolerances from 400 data sets, the reference against imblearn: the largest mean gap
    # was 0.09, spread 0.04 (log ratio), nearest-distance ratio 0.94..1.09; partners from
    # any class, from any row of the class, or u in [0, 2] or [-1, 1] were all outside.
    mean_gap = np.abs(mine.mean(axis=0) - theirs.mean(axis=0)) / scale
    if mean_gap.max() > 0.3:
        fail(t("the mean of your {rows} synthetic rows (seeds 0 to 4 together), {mine}, is far from "
               "imbalanced-learn's SMOTE on the same data, {theirs}.", rows=len(mine), mine=short(mine.mean(axis=0)),
               theirs=short(theirs.mean(axis=0))), call=record.call)
    spread = np.log(mine.std(axis=0) / theirs.std(axis=0))
    if np.abs(spread).max() > 0.125:
        fail(t("the spread (std per feature) of your synthetic rows (seeds 0 to 4), {mine}, differs from "
               "imbalanced-learn's SMOTE on the same data, {theirs}.", mine=short(mine.std(axis=0)),
               theirs=short(theirs.std(axis=0))), call=record.call)

    def nearest(S):
        return np.linalg.norm(S[:, None, :] - minority[None, :, :], axis=-1).min(axis=1).mean()

    ratio = nearest(mine) / nearest(theirs)
    if not 0.82 < ratio < 1.18:
        fail(t("your synthetic rows (seeds 0 to 4) lie on average {ratio:.2f} times as far from the nearest original "
               "row of their class as imbalanced-learn's SMOTE rows on the same data.", ratio=float(ratio)),
             call=record.call)


@pytest.mark.hidden
@pytest.mark.points(1)
@pytest.mark.hint("Draw the extra rows at random, each row of the class with the same chance.")
def test_oversample_draws_every_row(student, rng):
    X, y = _data(rng, {0: 200, 1: 10})
    record = student.random_oversample.call(X, y, seed=9)
    X_res, y_res = _pair(record, X)
    source = _assert_rows_of_original(record, X, y, X_res, y_res)
    times = np.bincount(source[y_res == 1], minlength=len(X))[y == 1]
    if times.min() < 3 or times.max() > 60:  # each of 10 rows: 1 + Binomial(190, 0.1), mean 20
        fail(t("the 10 rows of class 1 appear between {low} and {high} times in X_res; drawn "
               "uniformly, each would appear about 20 times.", low=int(times.min()), high=int(times.max())),
             call=record.call)


@pytest.mark.hidden
@pytest.mark.points(2)
def test_smote_many_classes(student, rng):
    X, y = _data(rng, {0: 12, 1: 60, 2: 9, 3: 33, 4: 20}, d=5)
    record, X_res, y_res = _smote_checked(student, X, y, k=3, seed=8)
    _assert_on_segments(record, X, y, X_res, y_res, k=3)
### END HIDDEN TESTS
