"""Grader: convolution — CNN building blocks in NumPy (합성곱 신경망): im2col, convolution, max pooling,
batch normalisation, forward and backward.

Expected values come from the reference on the grader's own inputs, except where the
input is large (the large-input test) or the values come from the learner (the training
test): there the grader computes them itself with the small trusted functions below
(``_conv``, ``_pool``), written another way than the reference (sliding windows).
"""

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from autograde.compare import (assert_close, assert_unchanged, central_differences, check, every_case,
                               expect_raises, fail, relative_error)
from autograde.datasets import load_digits
from autograde.i18n import t

# Relative error max|a - b| / max(|a| + |b|) between a backward function and central
# differences (h = 1e-5) of the reference's forward pass. Convolution and pooling are
# linear in each argument away from ties, so a right gradient is off by rounding only
# (below 1e-9); batch normalisation's inputs here have unit spread, where the differences'
# own error stays below 1e-8. A wrong gradient (a missing term, a wrong axis) is off by
# 0.05 or more.
BACKWARD_TOL = 1e-6
H_STEP = 1e-5

GRADS = ("dx", "dw", "db")
BN_GRADS = ("dx", "dgamma", "dbeta")

HELD_OUT_SEED = 20261123


# ---------------------------------------------------------------------------- trusted helpers

def _out(size, kernel, stride=1, pad=0):
    return (size + 2 * pad - kernel) // stride + 1


def _windows(x, kh, kw, stride, pad):
    """(N, C, OH, OW, kh, kw): every window of the zero-padded x, as a view."""
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    return sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]


def _conv(x, w, b, stride=1, pad=0):
    """The grader's own cross-correlation, by sliding windows (not im2col)."""
    win = _windows(np.asarray(x, dtype=np.float64), w.shape[2], w.shape[3], stride, pad)
    return np.einsum("ncijkl,fckl->nfij", win, w, optimize=True) + np.asarray(b)[None, :, None, None]


def _pool(x, size=2, stride=2):
    return _windows(np.asarray(x, dtype=np.float64), size, size, stride, 0).max(axis=(4, 5))


def _pool_backward_as(dout, x, size, stride, tie="first", add=True):
    """Max-pool backward written plainly, window by window, with a chosen tie rule
    ("first", "last" or "all" maxima) and with += (``add``) or = for overlapping windows:
    the right answer and the mistakes the hints recognise."""
    N, C, OH, OW = dout.shape
    dx = np.zeros_like(x, dtype=np.float64)
    for n, c, i, j in np.ndindex(N, C, OH, OW):
        window = x[n, c, i * stride:i * stride + size, j * stride:j * stride + size].reshape(-1)
        if tie == "all":
            chosen = np.flatnonzero(window == window.max())
        elif tie == "last":
            chosen = [len(window) - 1 - int(np.argmax(window[::-1]))]
        else:
            chosen = [int(np.argmax(window))]
        for k in chosen:
            r, s = i * stride + k // size, j * stride + k % size
            dx[n, c, r, s] = dx[n, c, r, s] + dout[n, c, i, j] if add else dout[n, c, i, j]
    return dx


def _numerical(forward, args, index, dout):
    """Central differences of sum(forward(*args) * dout) with respect to args[index]."""

    def total(value):
        return np.sum(forward(*args[:index], value, *args[index + 1:]) * dout)

    return central_differences(total, args[index], h=H_STEP)


def _array(value):
    """``value`` as a float array, or None when it is not numeric."""
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return None


def _same(a, b):
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-7, atol=1e-10)


def _wrong_as(got, expected, candidate):
    """``got`` is the mistaken ``candidate`` (and the candidate is not the right answer)."""
    return _same(got, candidate) and not _same(candidate, expected)


# ---------------------------------------------------------------------------- hints

TWO_PAD = ("The padding goes on both sides of the axis, so the padded axis has size + 2 * pad cells: "
           "(size + 2 * pad - kernel) // stride + 1.")
PLUS_ONE = ("Count the windows, not the steps between the first and the last: add 1, "
            "(size + 2 * pad - kernel) // stride + 1 (a kernel as big as the padded axis fits once).")
NO_PAD = ("Your output has the size of the unpadded image: pad x with pad zeros on each side of its height and "
          "width first, so the padded axis has size + 2 * pad cells.")
NO_STRIDE = ("Windows start every stride cells, so divide by the stride: (size + 2 * pad - kernel) // stride + 1, "
             "and take the window of output position i at row i * stride.")
FLOOR = ("Use // (floor division): / gives a float such as 4.0 or 3.5, and an output size is a whole number "
         "of windows, a Python int.")


SLIPS = (NO_PAD, TWO_PAD, PLUS_ONE, NO_STRIDE)


def _slips(size, kernel, stride, pad):
    """The output sizes along one axis that the slips of SLIPS give, in that order."""
    return ((size - kernel) // stride + 1, (size + pad - kernel) // stride + 1, (size + 2 * pad - kernel) // stride,
            size + 2 * pad - kernel + 1)


def _slips_2d(hw, khw, stride, pad):
    """(height, width) of the output that each slip of SLIPS gives."""
    return list(zip(*(_slips(s, k, stride, pad) for s, k in zip(hw, khw))))


def _slip_hint(matches):
    """SLIPS[i] when exactly one slip i explains what came back, else None (none, or ambiguous)."""
    found = set(matches)
    return SLIPS[found.pop()] if len(found) == 1 else None


def _size_hint(size, kernel, stride, pad):
    def hint(got, expected):
        if isinstance(got, (float, np.floating)):
            return FLOOR
        if isinstance(got, (int, np.integer)) and got != expected:
            return _slip_hint(i for i, value in enumerate(_slips(size, kernel, stride, pad)) if got == value)
        return None

    return hint


PAD_ALL_AXES = ("Your result is too big: the sample and channel axes were padded too. np.pad(x, pad) pads all "
                "four axes; pad only the height and the width: np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad))).")
IM2COL_TRANSPOSED = ("Your matrix is transposed: im2col returns one ROW per window, "
                     "shape (N * OH * OW, C * kh * kw).")
COLUMNS_KKC = ("Each row holds the right numbers in the wrong columns: your windows are flattened in (ki, kj, c) "
               "order. Flatten them in (c, ki, kj) order, the order of w.reshape(F, -1): all of channel 0 row by "
               "row, then channel 1, ... (from the textbook's (N, C, kh, kw, OH, OW) array: "
               "transpose(0, 4, 5, 1, 2, 3)).")
COLUMNS_KJ_KI = ("Each row holds the right numbers in the wrong columns: inside each channel your window is "
                 "flattened column by column. Flatten it row by row, (c, ki, kj) order: ki (the row in the window, "
                 "0 .. kh - 1) before kj (the column, 0 .. kw - 1).")
ROWS_SAMPLE_LAST = ("The rows are right but in the wrong order: yours go through the samples last, row "
                    "(i * OW + j) * N + n. Row (n * OH + i) * OW + j must be the window of sample n at (i, j): "
                    "samples first, then the positions row by row (transpose(0, 4, 5, 1, 2, 3), "
                    "not (4, 5, 0, 1, 2, 3)).")
ROWS_COLUMN_MAJOR = ("The rows are right but in the wrong order: inside each sample yours go through the output "
                     "positions column by column. Go row by row: (0, 0), (0, 1), ..., (1, 0), ..., so that row "
                     "(n * OH + i) * OW + j is the window at (i, j).")


def _im2col_hint(x, kh, kw, stride, pad):
    N, C, H, W = x.shape
    OH, OW = _out(H, kh, stride, pad), _out(W, kw, stride, pad)
    rows, cols = N * OH * OW, C * kh * kw

    def hint(got, expected):
        got = _array(got)
        if got is None or got.ndim != 2:
            return None
        if got.shape == (cols, rows) and cols != rows:
            return IM2COL_TRANSPOSED
        if got.shape != (rows, cols) and pad and (got.shape[0] == (N + 2 * pad) * OH * OW
                                                 or got.shape[1] == (C + 2 * pad) * kh * kw):
            return PAD_ALL_AXES
        if got.shape[1] == cols and got.shape[0] != rows:
            return _slip_hint(i for i, (h, w) in enumerate(_slips_2d((H, W), (kh, kw), stride, pad))
                              if N * h * w == got.shape[0])
        if got.shape != (rows, cols):
            return None
        e6 = np.asarray(expected, dtype=np.float64).reshape(N, OH, OW, C, kh, kw)

        def like(*axes):
            return _wrong_as(got, expected, e6.transpose(axes).reshape(rows, cols))

        if like(0, 1, 2, 4, 5, 3):
            return COLUMNS_KKC
        if like(0, 1, 2, 3, 5, 4):
            return COLUMNS_KJ_KI
        if like(1, 2, 0, 3, 4, 5) or like(1, 2, 0, 4, 5, 3):
            return ROWS_SAMPLE_LAST
        if like(0, 2, 1, 3, 4, 5):
            return ROWS_COLUMN_MAJOR
        return None

    return hint


FLIPPED = ("Your result is the convolution with the kernel flipped (w[:, :, ::-1, ::-1]), as in mathematics. "
           "Deep-learning layers (the textbook's, Keras' Conv2D) do not flip it: multiply each window by w[f] as it "
           "is and add up, out[n, f, i, j] = sum(window * w[f]) + b[f] (cross-correlation).")
RESHAPED = ("The values are right but in the wrong places: the (N * OH * OW, F) product was reshaped straight to "
            "(N, F, OH, OW), but there the filters are the last axis. Reshape to (N, OH, OW, F) first, then move "
            "the filters to axis 1: .transpose(0, 3, 1, 2).")
NO_BIAS = "Every value is off by its filter's bias: add b[f] to every output value of filter f."
CHANNELS_LAST = ("Your output is (N, OH, OW, F): the filters must be axis 1, (N, F, OH, OW). "
                 "Move them with .transpose(0, 3, 1, 2).")


def _conv_hint(x, w, b, stride, pad):
    def hint(got, expected):
        got = _array(got)
        if got is None:
            return None
        N, _, H, W = x.shape
        F, _, kh, kw = w.shape
        if got.shape != expected.shape:
            if got.shape == (N,) + expected.shape[2:] + (F,):
                return CHANNELS_LAST
            if got.ndim == 4 and got.shape[:2] == (N, F):
                return _slip_hint(i for i, hw in enumerate(_slips_2d((H, W), (kh, kw), stride, pad))
                                  if hw == got.shape[2:])
            return None
        if _wrong_as(got, expected, _conv(x, w[:, :, ::-1, ::-1], b, stride, pad)):
            return FLIPPED
        if _wrong_as(got, expected, expected.transpose(0, 2, 3, 1).reshape(expected.shape)):
            return RESHAPED
        if _wrong_as(got, expected, expected - b[None, :, None, None]):
            return NO_BIAS
        return None

    return hint


DX_PADDED = ("Your dx has the padded shape {shape}: cut the padding off at the end, "
             "dxp[:, :, pad:pad + H, pad:pad + W], so that dx has the shape of x, {expected}.")
DX_EMPTY = ("Your dx is empty: with pad = 0, dxp[:, :, pad:-pad, pad:-pad] is dxp[:, :, 0:0, 0:0]. "
            "Slice with pad:pad + H and pad:pad + W instead.")
DW_REORDERED = ("Your dw holds the right numbers in the wrong places: col.T @ dout_col is (C * kh * kw, F), "
                "and reshaping it to (F, C, kh, kw) mixes them up. Compute dout_col.T @ col, which is "
                "(F, C * kh * kw), then reshape it to (F, C, kh, kw).")
DW_FLAT = "Your dw is {shape}: reshape it to the shape of w, (F, C, kh, kw) = {expected}."
DB_SAMPLES_ONLY = ("Your db has shape {shape}: it was summed over the samples only, as an affine layer's is. Here "
                   "the bias of filter f is added at every output position of every sample, so sum over the output "
                   "positions too: db = dout.sum(axis=(0, 2, 3)), shape (F,).")
DB_WRONG_AXES = ("Your db has shape {shape}; it must have one value per filter, (F,) = {expected}. Sum dout over every "
                 "axis except the filter axis (axis 1): dout.sum(axis=(0, 2, 3)).")


def _conv_grad_hints(dout, x, w, stride, pad):
    """Hints for (dx, dw, db) of conv2d_backward that fit what came back."""
    N, C, H, W = x.shape
    F, _, kh, kw = w.shape

    def dx_hint(got, expected):
        got = _array(got)
        if got is None:
            return None
        if pad and got.shape == (N, C, H + 2 * pad, W + 2 * pad):
            return t(DX_PADDED, shape=str(got.shape), expected=str(x.shape))
        if got.size == 0 and got.ndim == 4:
            return DX_EMPTY
        return None

    def dw_hint(got, expected):
        got = _array(got)
        if got is None:
            return None
        if got.shape == (F, C * kh * kw):
            return t(DW_FLAT, shape=str(got.shape), expected=str(w.shape))
        dout_col = dout.transpose(0, 2, 3, 1).reshape(-1, F)
        col = _windows(x, kh, kw, stride, pad).transpose(0, 2, 3, 1, 4, 5).reshape(len(dout_col), -1)
        if _wrong_as(got, expected, (col.T @ dout_col).reshape(w.shape)):
            return DW_REORDERED
        return None

    def db_hint(got, expected):
        got = _array(got)
        if got is None or got.shape == (F,):
            return None
        if got.shape == dout.shape[1:]:
            return t(DB_SAMPLES_ONLY, shape=str(got.shape))
        return t(DB_WRONG_AXES, shape=str(got.shape), expected=str((F,)))

    return dx_hint, dw_hint, db_hint


ALL_TIES = ("Where a window has several equal maxima, your gradient goes to every one of them. Only the FIRST "
            "maximum in row-major order gets it (the position np.argmax gives for the flattened window); the "
            "other tied pixels get nothing from that window.")
LAST_TIE = ("On a tie your gradient goes to the last maximum of the window. It goes to the FIRST one in "
            "row-major order, the position np.argmax returns for the flattened window.")
OVERWRITE = ("Where windows overlap, a pixel that is the maximum of several windows must get the SUM of their "
             "gradients; yours keeps only one of them. Add with += (with index arrays, np.add.at), do not "
             "overwrite with =.")


def _pool_grad_hint(dout, x, size, stride):
    def hint(got, expected):
        got = _array(got)
        if got is None or got.shape != x.shape:
            return None

        def like(tie, add):
            return _wrong_as(got, expected, _pool_backward_as(dout, x, size, stride, tie, add))

        # Without ties "all" and "last" are "first": an overwrite is told apart before the
        # tie rule is blamed for it.
        if like("all", True):
            return ALL_TIES
        if like("last", True):
            return LAST_TIE
        if like("first", False):
            return OVERWRITE
        if like("all", False):
            return ALL_TIES
        if like("last", False):
            return LAST_TIE
        return None

    return hint


POOL_STRIDE = ("Your output has the shape of windows that do not overlap: use the stride argument, windows start "
               "every stride cells, OH = (H - size) // stride + 1.")


def _pool_hint(x, size, stride):
    def hint(got, expected):
        got = _array(got)
        N, C, H, W = x.shape
        if got is not None and stride != size and got.shape == (N, C, _out(H, size, size), _out(W, size, size)):
            return POOL_STRIDE
        return None

    return hint


DDOF_ONE = ("Your variance divides by N - 1 (ddof=1). Batch normalisation uses the biased variance, divided "
            "by N: x.var(axis=0) or np.var(x, axis=0), whose default is ddof=0.")
EPS_OUTSIDE = ("eps is outside the square root: divide by np.sqrt(var + eps), not by np.sqrt(var) + eps. The two "
               "differ most where a feature's variance is tiny, close to eps.")
STATS_PER_SAMPLE = ("The mean and the variance must be taken over the samples (axis=0): one per feature (column), "
                    "not one per sample (row).")
BN_NO_MEAN_TERMS = ("Your dx treats the batch mean and variance as constants (dx = dout * gamma / std). They are "
                    "computed from x, so dx gets two more terms: with dx_hat = dout * gamma, "
                    "dx = (dx_hat - dx_hat.mean(axis=0) - x_hat * (dx_hat * x_hat).mean(axis=0)) / std.")
DGAMMA_IS_DBETA = ("Your dgamma is dout.sum(axis=0), which is dbeta. gamma multiplies x_hat, so "
                   "dgamma = (dout * x_hat).sum(axis=0).")


def _bn_parts(x, eps, ddof=0, axis=0, eps_inside=True):
    mean = x.mean(axis=axis, keepdims=True)
    var = x.var(axis=axis, ddof=ddof, keepdims=True)
    std = np.sqrt(var + eps) if eps_inside else np.sqrt(var) + eps
    return (x - mean) / std, std


def _bn_hint(x, gamma, beta, eps):
    def hint(got, expected):
        got = _array(got)
        if got is None or got.shape != x.shape:
            return None

        def like(**kwargs):
            return _wrong_as(got, expected, gamma * _bn_parts(x, eps, **kwargs)[0] + beta)

        if like(ddof=1):
            return DDOF_ONE
        if like(eps_inside=False):
            return EPS_OUTSIDE
        if like(axis=1):
            return STATS_PER_SAMPLE
        return None

    return hint


def _bn_grad_hints(dout, x, gamma, eps):
    x_hat, std = _bn_parts(x, eps)

    def dx_hint(got, expected):
        got = _array(got)
        if got is not None and _wrong_as(got, expected, dout * gamma / std):
            return BN_NO_MEAN_TERMS
        return None

    def dgamma_hint(got, expected):
        got = _array(got)
        if got is not None and _wrong_as(got, expected, dout.sum(axis=0)):
            return DGAMMA_IS_DBETA
        return None

    return dx_hint, dgamma_hint, None


# ---------------------------------------------------------------------------- results

def _in_result(call, index, name):
    """The call as shown to the learner, narrowed to one item of the tuple it returned."""
    return f"{call}, in result[{index}] ({name})"


def _triple(record, names):
    """The learner's three gradients, after checking that three came back."""
    value = record.value
    if not (isinstance(value, (tuple, list)) and len(value) == 3):
        fail(t("your function returned {what}; expected a tuple of three arrays, {names}.",
               what=type(value).__name__, names=", ".join(names)), call=record.call,
             hint=t("End with `return {names}`.", names=", ".join(names)))
    return value


def _assert_grads(record, expected, names, hints):
    got = _triple(record, names)
    for index, (name, hint) in enumerate(zip(names, hints)):
        assert_close(got[index], expected[index], call=_in_result(record.call, index, name), hint=hint)


def _assert_numerical(record, numeric, names, hints):
    got = _triple(record, names)
    for index, (name, hint) in enumerate(zip(names, hints)):
        value = got[index]
        if not isinstance(value, np.ndarray) or value.shape != numeric[index].shape:
            assert_close(value, numeric[index], call=_in_result(record.call, index, name), hint=hint)
        error = relative_error(value, numeric[index])
        if not error < BACKWARD_TOL:
            fail(t("for {name} the relative error between your gradient and the numerical gradient of "
                   "sum(out * dout) is {error:.3g} (a correct one gives less than 1e-8; the limit is {limit:g}).\n"
                   "numerical: {numerical}\n"
                   "yours:     {yours}", name=name, error=error, limit=BACKWARD_TOL,
                   numerical=str(np.round(numeric[index].ravel()[:6], 6)),
                   yours=str(np.round(np.asarray(value, dtype=float).ravel()[:6], 6))),
                 call=_in_result(record.call, index, name), hint=hint(value, numeric[index]) if hint else None)


def _conv_problem(rng, N, C, H, W, F, kh, kw):
    return (rng.normal(size=(N, C, H, W)), rng.normal(size=(F, C, kh, kw)), rng.normal(size=F))


def _distinct(rng, shape, scale=0.1):
    """Values that are all different, at least ``scale`` apart: no ties anywhere."""
    return rng.permutation(np.prod(shape)).reshape(shape) * scale + rng.uniform(0, scale / 10, size=shape)


# ---------------------------------------------------------------------------- conv_output_size

# (size, kernel, stride, pad): the cases of the stub's docstring, a kernel as big as the
# padded axis, a stride that leaves cells over, a pad larger than half the kernel.
SIZES = ((7, 3, 1, 0), (7, 3, 2, 1), (8, 3, 2, 1), (5, 5, 1, 0), (28, 5, 1, 2), (10, 2, 3, 0), (6, 4, 1, 3),
         (3, 5, 1, 1))


@pytest.mark.points(1)
@pytest.mark.hint("conv_output_size(size, kernel, stride, pad) = (size + 2 * pad - kernel) // stride + 1, "
                  "an int.")
def test_conv_output_size(student, reference):
    with every_case() as case:
        for size, kernel, stride, pad in SIZES:
            with case:
                record = student.conv_output_size.call(size, kernel, stride, pad)
                hint = _size_hint(size, kernel, stride, pad)
                assert_close(record.value, reference.conv_output_size(size, kernel, stride, pad), call=record.call,
                             hint=hint)
                if isinstance(record.value, bool) or not isinstance(record.value, (int, np.integer)):
                    fail(t("your function returned {value} ({type}); expected an int.", value=repr(record.value),
                           type=type(record.value).__name__), call=record.call, hint=FLOOR)
        with case:
            check(student.conv_output_size, reference.conv_output_size, 9, 2, hint=_size_hint(9, 2, 1, 0))


@pytest.mark.points(1)
@pytest.mark.hint("When size + 2 * pad < kernel no window fits: raise ValueError(\"the kernel does not fit\") "
                  "instead of returning a size of 0 or less.")
def test_conv_output_size_kernel_too_big(student):
    reason = t("the kernel does not fit in the padded axis")
    expect_raises(student.conv_output_size, "ValueError", 2, 5, reason=reason)
    expect_raises(student.conv_output_size, "ValueError", 3, 8, 1, 2, reason=reason)
    expect_raises(student.conv_output_size, "ValueError", 4, 7, stride=2, pad=1, reason=reason)


# ---------------------------------------------------------------------------- im2col

IM2COL_HINT = ("im2col returns (N * OH * OW, C * kh * kw): row (n * OH + i) * OW + j is the window of sample n at "
               "output position (i, j), flattened in (c, ki, kj) order like w.reshape(F, -1).")


@pytest.mark.points(1)
@pytest.mark.hint(IM2COL_HINT)
def test_im2col_worked_example(student, reference):
    x = np.arange(18.0).reshape(1, 2, 3, 3)
    check(student.im2col, reference.im2col, x, 2, 2, hint=_im2col_hint(x, 2, 2, 1, 0))
    ones = np.ones((1, 1, 2, 2))
    check(student.im2col, reference.im2col, ones, 2, 2, pad=1, hint=_im2col_hint(ones, 2, 2, 1, 1))


@pytest.mark.points(1)
@pytest.mark.hint("Within a row, the window's values go in (c, ki, kj) order: all of channel 0 row by row, then "
                  "channel 1, ...: the order of w.reshape(F, -1).")
def test_im2col_column_order(student, reference, rng):
    # One sample (rows cannot be mixed up), three channels and a 2 x 3 kernel: every order
    # of the columns but (c, ki, kj) puts other numbers in them.
    x = rng.normal(size=(1, 3, 4, 5))
    check(student.im2col, reference.im2col, x, 2, 3, hint=_im2col_hint(x, 2, 3, 1, 0))


@pytest.mark.points(1)
@pytest.mark.hint("Rows go through the samples first, then through the output positions row by row: "
                  "row (n * OH + i) * OW + j is the window of sample n at (i, j).")
def test_im2col_row_order(student, reference, rng):
    x = rng.normal(size=(3, 1, 4, 5))
    check(student.im2col, reference.im2col, x, 3, 2, hint=_im2col_hint(x, 3, 2, 1, 0))
    x = rng.normal(size=(2, 2, 5, 4))
    check(student.im2col, reference.im2col, x, 2, 3, hint=_im2col_hint(x, 2, 3, 1, 0))


@pytest.mark.points(1)
@pytest.mark.hint("Pad only the height and the width: np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad))). "
                  "np.pad(x, pad) pads all four axes, adding samples and channels of zeros.")
def test_im2col_padding(student, reference, rng):
    x = rng.normal(size=(2, 3, 5, 4))
    for pad in (1, 2):
        check(student.im2col, reference.im2col, x, 3, 2, pad=pad, hint=_im2col_hint(x, 3, 2, 1, pad))


@pytest.mark.points(1)
@pytest.mark.hint("With a stride, the window of output position (i, j) starts at row i * stride and column "
                  "j * stride, and OH = (H + 2 * pad - kh) // stride + 1.")
def test_im2col_stride(student, reference, rng):
    x = rng.normal(size=(2, 2, 7, 8))
    check(student.im2col, reference.im2col, x, 3, 2, 2, hint=_im2col_hint(x, 3, 2, 2, 0))
    check(student.im2col, reference.im2col, x, 2, 3, stride=3, pad=1, hint=_im2col_hint(x, 2, 3, 3, 1))


# ---------------------------------------------------------------------------- conv2d

@pytest.mark.points(2)
@pytest.mark.hint("out[n, f, i, j] = sum(window * w[f]) + b[f]: with col = im2col(x, kh, kw, stride, pad), "
                  "(col @ w.reshape(F, -1).T + b).reshape(N, OH, OW, F).transpose(0, 3, 1, 2). If you build out "
                  "as (N, F, OH, OW) directly, add the bias along axis 1: out + b.reshape(1, F, 1, 1) "
                  "(out + b adds it along the last axis, the width).")
def test_conv2d_values(student, reference, rng):
    x, w, b = _conv_problem(rng, N=2, C=3, H=6, W=7, F=4, kh=3, kw=2)
    check(student.conv2d, reference.conv2d, x, w, b, hint=_conv_hint(x, w, b, 1, 0))
    x, w, b = _conv_problem(rng, N=3, C=1, H=5, W=5, F=2, kh=2, kw=2)
    check(student.conv2d, reference.conv2d, x, w, b, 1, 0, hint=_conv_hint(x, w, b, 1, 0))


@pytest.mark.points(1)
@pytest.mark.hint("Do not flip the kernel: deep-learning convolution is cross-correlation, "
                  "out[n, f, i, j] = sum(window * w[f]) + b[f] with w[f] as it is.")
def test_conv2d_no_kernel_flip(student, reference, rng):
    x = np.arange(9.0).reshape(1, 1, 3, 3)
    w, b = np.array([[[[1.0, 2.0], [0.0, 0.0]]]]), np.array([0.5])
    check(student.conv2d, reference.conv2d, x, w, b, hint=_conv_hint(x, w, b, 1, 0))
    x, w, b = _conv_problem(rng, N=2, C=2, H=5, W=6, F=3, kh=3, kw=2)
    check(student.conv2d, reference.conv2d, x, w, b, hint=_conv_hint(x, w, b, 1, 0))


@pytest.mark.points(1)
@pytest.mark.hint("Pad x with zeros on each side of H and W only, then take the window of (i, j) at row "
                  "i * stride and column j * stride; OH = (H + 2 * pad - kh) // stride + 1.")
def test_conv2d_stride_and_padding(student, reference, rng):
    x, w, b = _conv_problem(rng, N=2, C=3, H=7, W=9, F=4, kh=3, kw=2)
    for stride, pad in ((2, 1), (1, 2), (3, 0)):
        check(student.conv2d, reference.conv2d, x, w, b, stride, pad, hint=_conv_hint(x, w, b, stride, pad))


LARGE_HINT = ("Python loops over every output value are too slow here: 48 images x 16 filters x 32 x 32 positions "
              "is 786,432 windows, a few microseconds each. Let NumPy work on whole arrays: "
              "col = im2col(x, kh, kw, stride, pad), then ONE matrix product col @ w.reshape(F, -1).T; or loop "
              "only over the kh * kw kernel offsets (ki, kj) (9 steps for 3 x 3), where "
              "xp[:, :, ki : ki + stride * OH : stride, kj : kj + stride * OW : stride] is the pixel at that offset "
              "of every window of every sample and channel at once.")


@pytest.mark.points(1)
@pytest.mark.timeout(0.75, hint=LARGE_HINT)
@pytest.mark.hint("conv2d must give the same values on a large input (48 images of 3 x 32 x 32, 16 filters of "
                  "3 x 3, pad 1).")
def test_conv2d_large_input(student, rng):
    # A vectorised conv2d needs about 0.08 s here, sandbox and transfers included; Python loops
    # over every output value about 2.6 s (3.4 microseconds per value, 786,432 values).
    # Compared with the grader's own convolution: the arrays are too big to record.
    x, w, b = _conv_problem(rng, N=48, C=3, H=32, W=32, F=16, kh=3, kw=3)
    record = student.conv2d.call(x, w, b, 1, 1)
    assert_close(record.value, _conv(x, w, b, 1, 1), call=record.call, hint=_conv_hint(x, w, b, 1, 1))


# ---------------------------------------------------------------------------- conv2d_backward

def _conv_backward_case(student, reference, dout, x, w, stride, pad):
    record = student.conv2d_backward.call(dout, x, w, stride, pad)
    expected = reference.conv2d_backward(dout, x, w, stride, pad)
    _assert_grads(record, expected, GRADS, _conv_grad_hints(dout, x, w, stride, pad))


def _dout(rng, x, w, stride, pad):
    N, _, H, W = x.shape
    F, _, kh, kw = w.shape
    return rng.normal(size=(N, F, _out(H, kh, stride, pad), _out(W, kw, stride, pad)))


@pytest.mark.points(2)
@pytest.mark.hint("dout_col = dout.transpose(0, 2, 3, 1).reshape(-1, F); dw = (dout_col.T @ col).reshape(w.shape); "
                  "db = dout.sum(axis=(0, 2, 3)); dx = col2im(dout_col @ w.reshape(F, -1)), which puts each row "
                  "back where its window lies, ADDING where windows overlap (+=, never =).")
def test_conv2d_backward(student, reference, rng):
    x, w, _ = _conv_problem(rng, N=2, C=3, H=6, W=7, F=4, kh=3, kw=2)
    _conv_backward_case(student, reference, _dout(rng, x, w, 1, 0), x, w, 1, 0)


@pytest.mark.points(1)
@pytest.mark.hint("With a stride, window (i, j) starts at row i * stride and column j * stride: col2im must put "
                  "each window back there, in the backward pass as in the forward one (the same places im2col "
                  "read it from).")
def test_conv2d_backward_stride(student, reference, rng):
    x, w, _ = _conv_problem(rng, N=2, C=2, H=7, W=8, F=3, kh=3, kw=3)
    for stride, pad in ((2, 0), (2, 1), (3, 0)):
        _conv_backward_case(student, reference, _dout(rng, x, w, stride, pad), x, w, stride, pad)


@pytest.mark.points(1)
@pytest.mark.hint("col2im fills a zero array of the PADDED shape (N, C, H + 2 * pad, W + 2 * pad), then cuts the "
                  "padding off: dxp[:, :, pad:pad + H, pad:pad + W]; dx has the shape of x.")
def test_conv2d_backward_padding(student, reference, rng):
    x, w, _ = _conv_problem(rng, N=2, C=3, H=5, W=6, F=4, kh=3, kw=2)
    for pad in (1, 2):
        _conv_backward_case(student, reference, _dout(rng, x, w, 1, pad), x, w, 1, pad)


@pytest.mark.points(1)
@pytest.mark.hint("db has one value per filter, shape (F,): the sum of dout over the samples AND the output "
                  "positions, dout.sum(axis=(0, 2, 3)).")
def test_conv2d_backward_bias(student, reference, rng):
    x, w, _ = _conv_problem(rng, N=3, C=2, H=5, W=6, F=4, kh=2, kw=3)
    dout = _dout(rng, x, w, 1, 1)
    record = student.conv2d_backward.call(dout, x, w, 1, 1)
    got = _triple(record, GRADS)
    assert_close(got[2], reference.conv2d_backward(dout, x, w, 1, 1)[2], call=_in_result(record.call, 2, "db"),
                 hint=_conv_grad_hints(dout, x, w, 1, 1)[2])


@pytest.mark.points(1)
@pytest.mark.hint("Gradient check: each gradient must agree with the central differences of "
                  "sum(conv2d(x, w, b) * dout). Check each step of the backward pass (see conv2d_backward's "
                  "docstring).")
def test_conv2d_backward_numerical(student, reference, rng):
    x, w, b = _conv_problem(rng, N=2, C=2, H=4, W=5, F=3, kh=2, kw=3)
    stride, pad = 1, 1
    dout = _dout(rng, x, w, stride, pad)
    numeric = [_numerical(reference.conv2d, [x, w, b, stride, pad], index, dout) for index in range(3)]
    record = student.conv2d_backward.call(dout, x, w, stride, pad)
    _assert_numerical(record, numeric, GRADS, _conv_grad_hints(dout, x, w, stride, pad))


# ---------------------------------------------------------------------------- max pooling

@pytest.mark.points(1)
@pytest.mark.hint("out[n, c, i, j] is the maximum of x[n, c, i*stride : i*stride + size, j*stride : j*stride + size], "
                  "each channel on its own; OH = (H - size) // stride + 1.")
def test_max_pool2d(student, reference, rng):
    x = rng.normal(size=(2, 3, 6, 8))
    check(student.max_pool2d, reference.max_pool2d, x)
    x = rng.normal(size=(3, 2, 7, 5))  # an odd height and width: the last row and column are left over
    check(student.max_pool2d, reference.max_pool2d, x, 2, 2)


@pytest.mark.points(1)
@pytest.mark.hint("The stride is its own argument: with size=3 and stride=2 the windows overlap, and "
                  "OH = (H - size) // stride + 1.")
def test_max_pool2d_overlapping(student, reference, rng):
    x = rng.normal(size=(2, 3, 7, 9))
    for size, stride in ((3, 2), (2, 1), (3, 1)):
        check(student.max_pool2d, reference.max_pool2d, x, size, stride, hint=_pool_hint(x, size, stride))


POOL_BACKWARD_HINT = ("Each window passes its dout value to the position of its maximum (the first one, as "
                      "np.argmax picks); every other pixel of the window gets 0 from it; dx has the shape of x.")


@pytest.mark.points(1)
@pytest.mark.hint(POOL_BACKWARD_HINT)
def test_max_pool2d_backward(student, reference, rng):
    x = rng.normal(size=(2, 3, 6, 8))
    dout = rng.normal(size=(2, 3, 3, 4))
    check(student.max_pool2d_backward, reference.max_pool2d_backward, dout, x, hint=_pool_grad_hint(dout, x, 2, 2))


def _ties(rng, shape):
    """Whole numbers 0..2 (exact ties in most windows), a block of one constant value
    and a row of zeros: windows whose every pixel is a maximum."""
    x = rng.integers(0, 3, size=shape).astype(np.float64)
    x[:, :, 1:4, 2:6] = 5.0
    x[:, :, -1, :] = 0.0
    return x


@pytest.mark.points(1)
@pytest.mark.hint("On a tie only the FIRST maximum of the window in row-major order gets the window's gradient "
                  "(np.argmax of the flattened window), and where windows overlap their contributions add.")
def test_max_pool2d_backward_ties(student, reference, rng):
    x = _ties(rng, (2, 2, 6, 7))
    for size, stride in ((2, 2), (3, 2), (2, 1)):
        dout = rng.normal(size=(2, 2, _out(6, size, stride), _out(7, size, stride)))
        check(student.max_pool2d_backward, reference.max_pool2d_backward, dout, x, size, stride,
              hint=_pool_grad_hint(dout, x, size, stride))


@pytest.mark.points(1)
@pytest.mark.hint("Where windows overlap (stride < size), a pixel that is the maximum of several windows gets the "
                  "SUM of their dout values: add with +=, do not overwrite with =.")
def test_max_pool2d_backward_overlapping(student, reference, rng):
    # No ties: one large value per region, the maximum of every window around it.
    x = _distinct(rng, (2, 2, 7, 7))
    x[:, :, 3, 3] += 100.0
    for size, stride in ((3, 2), (2, 1)):
        dout = rng.normal(size=(2, 2, _out(7, size, stride), _out(7, size, stride)))
        check(student.max_pool2d_backward, reference.max_pool2d_backward, dout, x, size, stride,
              hint=_pool_grad_hint(dout, x, size, stride))


@pytest.mark.points(1)
@pytest.mark.hint("Gradient check: max_pool2d_backward must agree with the central differences of "
                  "sum(max_pool2d(x, size, stride) * dout).")
def test_max_pool2d_backward_numerical(student, reference, rng):
    x = _distinct(rng, (2, 2, 5, 5))  # values 0.1 apart: a step of 1e-5 never changes a maximum
    size, stride = 2, 1
    dout = rng.normal(size=(2, 2, 4, 4))
    numeric = _numerical(reference.max_pool2d, [x, size, stride], 0, dout)
    record = student.max_pool2d_backward.call(dout, x, size, stride)
    value = record.value
    hint = _pool_grad_hint(dout, x, size, stride)
    if not isinstance(value, np.ndarray) or value.shape != x.shape:
        assert_close(value, numeric, call=record.call, hint=hint)
    error = relative_error(value, numeric)
    if not error < BACKWARD_TOL:
        fail(t("the relative error between your dx and the numerical gradient of sum(out * dout) is {error:.3g} "
               "(a correct one gives less than 1e-8; the limit is {limit:g}).", error=error, limit=BACKWARD_TOL),
             call=record.call, hint=hint(value, numeric))


# ---------------------------------------------------------------------------- batch normalisation

def _bn_problem(rng, n=6, d=4):
    x = rng.normal(loc=2.0, scale=1.5, size=(n, d))
    return x, rng.uniform(0.5, 2.0, size=d), rng.normal(size=d)


@pytest.mark.points(1)
@pytest.mark.hint("mean = x.mean(axis=0), var = x.var(axis=0) (divided by N), x_hat = (x - mean) / "
                  "np.sqrt(var + eps), out = gamma * x_hat + beta.")
def test_batchnorm_forward(student, reference, rng):
    x, gamma, beta = _bn_problem(rng)
    check(student.batchnorm_forward, reference.batchnorm_forward, x, gamma, beta,
          hint=_bn_hint(x, gamma, beta, 1e-5))
    x, gamma, beta = _bn_problem(rng, n=3, d=5)
    check(student.batchnorm_forward, reference.batchnorm_forward, x, gamma, beta, eps=1e-3,
          hint=_bn_hint(x, gamma, beta, 1e-3))


@pytest.mark.points(1)
@pytest.mark.hint("eps goes INSIDE the square root, np.sqrt(var + eps); a constant feature (variance 0) gives "
                  "x_hat = 0, so out = beta there.")
def test_batchnorm_forward_small_variance(student, reference, rng):
    x, gamma, beta = _bn_problem(rng, n=5, d=4)
    x[:, 1] = 3.0 + rng.normal(scale=1e-3, size=5)  # variance about 1e-6, below eps
    x[:, 2] = 0.004 * rng.normal(size=5)            # variance about eps
    x[:, 3] = 7.0                                    # constant
    check(student.batchnorm_forward, reference.batchnorm_forward, x, gamma, beta,
          hint=_bn_hint(x, gamma, beta, 1e-5))


BN_BACKWARD_HINT = ("dbeta = dout.sum(axis=0); dgamma = (dout * x_hat).sum(axis=0); with dx_hat = dout * gamma, "
                    "dx = (dx_hat - dx_hat.mean(axis=0) - x_hat * (dx_hat * x_hat).mean(axis=0)) / std.")


@pytest.mark.points(1)
@pytest.mark.hint(BN_BACKWARD_HINT)
def test_batchnorm_backward(student, reference, rng):
    x, gamma, _ = _bn_problem(rng)
    dout = rng.normal(size=x.shape)
    record = student.batchnorm_backward.call(dout, x, gamma)
    _assert_grads(record, reference.batchnorm_backward(dout, x, gamma), BN_GRADS,
                  _bn_grad_hints(dout, x, gamma, 1e-5))


@pytest.mark.points(1)
@pytest.mark.hint("Gradient check: each gradient must agree with the central differences of "
                  "sum(batchnorm_forward(x, gamma, beta) * dout). Remember the two mean terms of dx: mean and var "
                  "are computed from x.")
def test_batchnorm_backward_numerical(student, reference, rng):
    x, gamma, beta = _bn_problem(rng, n=5, d=3)
    dout = rng.normal(size=x.shape)
    numeric = [_numerical(reference.batchnorm_forward, [x, gamma, beta], index, dout) for index in range(3)]
    record = student.batchnorm_backward.call(dout, x, gamma)
    _assert_numerical(record, numeric, BN_GRADS, _bn_grad_hints(dout, x, gamma, 1e-5))


# ---------------------------------------------------------------------------- training

class _Adam:
    """The course's Adam (gradient_descent), run by the grader on the network's parameters."""

    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m, self.v, self.t = {}, {}, 0

    def update(self, params, grads):
        self.t += 1
        for key, grad in grads.items():
            self.m[key] = self.beta1 * self.m.get(key, 0.0) + (1 - self.beta1) * grad
            self.v[key] = self.beta2 * self.v.get(key, 0.0) + (1 - self.beta2) * grad ** 2
            m_hat = self.m[key] / (1 - self.beta1 ** self.t)
            v_hat = self.v[key] / (1 - self.beta2 ** self.t)
            params[key] = params[key] - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


def _train_cnn(layers, X, y, rng, *, filters, steps, batch, lr):
    """Train conv(3 x 3, pad 1) -> ReLU -> max-pool(2) -> affine -> softmax on digits
    ``X`` (n, 1, 8, 8) with the learner's four functions ``layers`` = (conv2d,
    max_pool2d, max_pool2d_backward, conv2d_backward); ReLU, the affine layer, the
    softmax cross-entropy and Adam are the grader's. Returns the parameters."""
    conv2d, max_pool2d, max_pool2d_backward, conv2d_backward = layers
    features = filters * 4 * 4
    params = {"W1": rng.normal(0.0, np.sqrt(2.0 / 9.0), size=(filters, 1, 3, 3)), "b1": np.zeros(filters),
              "W2": rng.normal(0.0, np.sqrt(2.0 / features), size=(features, 10)), "b2": np.zeros(10)}
    adam = _Adam(lr)
    for _ in range(steps):
        chosen = rng.choice(len(y), size=batch, replace=False)
        xb, yb = X[chosen], y[chosen]
        a = conv2d(xb, params["W1"], params["b1"], 1, 1)
        r = np.maximum(a, 0.0)
        p = max_pool2d(r, 2, 2)
        flat = p.reshape(batch, -1)
        scores = flat @ params["W2"] + params["b2"]
        dscores = np.exp(scores - scores.max(axis=1, keepdims=True))
        dscores /= dscores.sum(axis=1, keepdims=True)
        dscores[np.arange(batch), yb] -= 1.0
        dscores /= batch
        dr = max_pool2d_backward((dscores @ params["W2"].T).reshape(p.shape), r, 2, 2)
        _, dW1, db1 = conv2d_backward(dr * (a > 0), xb, params["W1"], 1, 1)
        adam.update(params, {"W1": dW1, "b1": db1, "W2": flat.T @ dscores, "b2": dscores.sum(axis=0)})
    return params


def _predict(params, X):
    """The trained network's classes, computed by the grader (never by the learner's code)."""
    hidden = _pool(np.maximum(_conv(X, params["W1"], params["b1"], 1, 1), 0.0), 2, 2)
    return np.argmax(hidden.reshape(len(X), -1) @ params["W2"] + params["b2"], axis=1)


def _learner_layers(student):
    """The learner's four functions as the training calls them. Each result must be a
    finite array of the right shape; the first call of each is also compared with the
    grader's own computation, so that a wrong piece fails here, on the first batch, with
    what is wrong (a wrong piece can still reach an accuracy that a right one reaches
    with another draw, so the accuracy alone cannot tell)."""
    checked = set()

    def result(record, shapes):
        items = record.value if isinstance(record.value, (tuple, list)) else (record.value,)
        if len(items) != len(shapes):
            fail(t("during training your function returned {what}; expected {count} arrays.",
                   what=type(record.value).__name__, count=len(shapes)), call=record.call)
        for item, shape in zip(items, shapes):
            if not isinstance(item, np.ndarray) or item.shape != shape:
                fail(t("during training your function returned {what}; expected an array of shape {shape}.",
                       what=_describe(item), shape=str(shape)), call=record.call)
            if not np.all(np.isfinite(item)):
                fail("during training your function returned nan or inf.", call=record.call)
        return items

    def first(name, call, got, expected, hint):
        """Compare the first result of ``name`` with ``expected()``, computed then only."""
        if name not in checked:
            checked.add(name)
            assert_close(got, expected(), call=call, hint=hint)

    def conv2d(x, w, b, stride, pad):
        record = student.conv2d.call(x, w, b, stride, pad)
        shape = (len(x), len(w), _out(x.shape[2], w.shape[2], stride, pad), _out(x.shape[3], w.shape[3], stride, pad))
        (out,) = result(record, [shape])
        first("conv2d", record.call, out, lambda: _conv(x, w, b, stride, pad), _conv_hint(x, w, b, stride, pad))
        return out

    def max_pool2d(x, size, stride):
        record = student.max_pool2d.call(x, size, stride)
        (out,) = result(record, [x.shape[:2] + (_out(x.shape[2], size, stride), _out(x.shape[3], size, stride))])
        first("max_pool2d", record.call, out, lambda: _pool(x, size, stride), _pool_hint(x, size, stride))
        return out

    def max_pool2d_backward(dout, x, size, stride):
        record = student.max_pool2d_backward.call(dout, x, size, stride)
        (dx,) = result(record, [x.shape])
        first("max_pool2d_backward", record.call, dx, lambda: _pool_backward_as(dout, x, size, stride),
              _pool_grad_hint(dout, x, size, stride))
        return dx

    def conv2d_backward(dout, x, w, stride, pad):
        record = student.conv2d_backward.call(dout, x, w, stride, pad)
        dx, dw, db = result(record, [x.shape, w.shape, w.shape[:1]])
        _, dw_hint, db_hint = _conv_grad_hints(dout, x, w, stride, pad)
        first("dw", _in_result(record.call, 1, "dw"), dw,
              lambda: np.einsum("ncijkl,nfij->fckl", _windows(x, w.shape[2], w.shape[3], stride, pad), dout), dw_hint)
        first("db", _in_result(record.call, 2, "db"), db, lambda: dout.sum(axis=(0, 2, 3)), db_hint)
        return dx, dw, db

    return conv2d, max_pool2d, max_pool2d_backward, conv2d_backward


def _describe(value):
    if isinstance(value, np.ndarray):
        return t("an array of shape {shape}", shape=str(value.shape))
    return t("a {type}", type=type(value).__name__)


def _digits():
    """Training digits (n, 1, 8, 8) and a fixed held-out set the learner's code never sees."""
    X, y = load_digits()
    X = X.reshape(-1, 1, 8, 8)
    order = np.random.default_rng(HELD_OUT_SEED).permutation(len(y))
    test, train = order[:400], order[400:]
    return X[train], y[train], X[test], y[test]


# Public training: 6 filters, 30 Adam steps (lr 0.05) of 48 digits. Held-out accuracy over
# 300 seeds of the grader's rng, the reference's functions run in-process: min 0.777, 5th
# percentile 0.830, median 0.887, max 0.945. The broken pieces, run the same way (without the
# first-batch checks of _learner_layers, which catch each of them before any accuracy is
# computed): conv2d that scrambles its output (a reshape without transpose, im2col's rows
# sample-last) at most 0.205; a flipped kernel (a true convolution, trained consistently,
# evaluated as the contract's cross-correlation) median 0.115, max 0.535; a conv gradient of
# the wrong sign median 0.566, max 0.75. Some broken pieces reach what a right one does with
# another draw (dw reshaped from its transpose: min 0.512, median 0.825; a frozen conv layer:
# min 0.738, median 0.868, since an affine layer on random 3 x 3 filters does well on digits;
# max-pool backward sending the gradient to every tied maximum: min 0.777), hence the
# first-batch checks.
TRAIN_ACCURACY = 0.6
# The reference needs about 0.3 s here through the sandbox; a conv2d written as Python loops
# over every output value (right, but slow) about 2.3 s. The limit is well above both so that
# such a conv2d passes here every time: its speed is graded by test_conv2d_large_input alone.
TRAIN_TIMEOUT_S = 10


@pytest.mark.points(2)
@pytest.mark.timeout(TRAIN_TIMEOUT_S)
@pytest.mark.hint("A small CNN (conv 3 x 3, ReLU, max-pool 2 x 2, affine) trained with your conv2d, max_pool2d "
                  "and their backward functions should classify held-out digits. Make the tests above pass first.")
def test_train_cnn(student, rng):
    X, y, X_test, y_test = _digits()
    params = _train_cnn(_learner_layers(student), X, y, rng, filters=6, steps=30, batch=48, lr=0.05)
    accuracy = float(np.mean(_predict(params, X_test) == y_test))
    if not accuracy >= TRAIN_ACCURACY:
        fail(t("the network trained with your functions classifies {accuracy:.1%} of 400 held-out digits "
               "correctly; at least {needed:.0%} is needed (correct functions get about 89%).",
               accuracy=accuracy, needed=TRAIN_ACCURACY))


@pytest.mark.points(1)
@pytest.mark.hint("Leave every input as it was: build new arrays (xc = x - mean, np.pad(...) returns a new one) "
                  "instead of changing x, w, dout or gamma in place.")
def test_inputs_unchanged(student, rng):
    x, w, b = _conv_problem(rng, N=2, C=2, H=5, W=6, F=3, kh=3, kw=2)
    dout = _dout(rng, x, w, 1, 1)
    assert_unchanged(student.im2col.call(x, 3, 2, 1, 1))
    assert_unchanged(student.conv2d.call(x, w, b, 1, 1))
    assert_unchanged(student.conv2d_backward.call(dout, x, w, 1, 1))
    pool_x = _ties(rng, (2, 2, 6, 7))
    assert_unchanged(student.max_pool2d.call(pool_x, 3, 2))
    assert_unchanged(student.max_pool2d_backward.call(rng.normal(size=(2, 2, 2, 3)), pool_x, 3, 2))
    bn_x, gamma, beta = _bn_problem(rng)
    assert_unchanged(student.batchnorm_forward.call(bn_x, gamma, beta))
    assert_unchanged(student.batchnorm_backward.call(rng.normal(size=bn_x.shape), bn_x, gamma))


### BEGIN HIDDEN TESTS
# Hidden training: 8 filters, 60 Adam steps (lr 0.03) of 32 digits, one fixed draw. Over 100
# seeds, in-process: reference min 0.875, 5th percentile 0.897, median 0.926 (0.915 on this
# draw). The reference needs about 0.5 s through the sandbox, a conv2d of Python loops 4.7 s.
TRAIN_ACCURACY_LARGE = 0.8


@pytest.mark.hidden
@pytest.mark.points(2)
@pytest.mark.timeout(30)
@pytest.mark.hint("A larger CNN (8 filters, 60 steps) trained with your functions should classify at least 80% "
                  "of held-out digits.")
def test_train_cnn_larger(student):
    X, y, X_test, y_test = _digits()
    rng = np.random.default_rng(HELD_OUT_SEED + 1)
    params = _train_cnn(_learner_layers(student), X, y, rng, filters=8, steps=60, batch=32, lr=0.03)
    accuracy = float(np.mean(_predict(params, X_test) == y_test))
    if not accuracy >= TRAIN_ACCURACY_LARGE:
        fail(t("the network trained with your functions classifies {accuracy:.1%} of 400 held-out digits "
               "correctly; at least {needed:.0%} is needed.", accuracy=accuracy, needed=TRAIN_ACCURACY_LARGE))


LARGE_BACKWARD_HINT = ("Python loops over every output value are too slow here (32 x 16 x 32 x 32 values). Vectorise "
                       "the backward pass as the forward one: dw = dout_col.T @ col and dcol = dout_col @ "
                       "w.reshape(F, -1) are single matrix products, and col2im needs a loop over the kh * kw kernel "
                       "offsets only, adding each offset's (N, C, OH, OW) block into the padded dx at once.")


@pytest.mark.hidden
@pytest.mark.points(1)
@pytest.mark.timeout(1.5, hint=LARGE_BACKWARD_HINT)
@pytest.mark.hint("conv2d_backward must give the same values on a large input (32 images of 3 x 32 x 32, 16 "
                  "filters of 3 x 3, pad 1).")
def test_conv2d_backward_large_input(student, reference, rng):
    # The reference needs about 0.12 s here; a backward pass of Python loops over every output
    # value about 10 microseconds per value, 5 s.
    x, w, _ = _conv_problem(rng, N=32, C=3, H=32, W=32, F=16, kh=3, kw=3)
    _conv_backward_case(student, reference, _dout(rng, x, w, 1, 1), x, w, 1, 1)


LARGE_POOL_HINT = ("Python loops over every window are too slow here (32 x 16 x 31 x 31 windows). Vectorise: loop "
                   "only over the size * size offsets of a window, each step taking "
                   "x[:, :, ki : ki + stride * OH : stride, kj : kj + stride * OW : stride] (that pixel of every "
                   "window at once), or use im2col on x.reshape(N * C, 1, H, W) with .max(axis=1) and .argmax(axis=1).")


@pytest.mark.hidden
@pytest.mark.points(1)
@pytest.mark.timeout(2, hint=LARGE_POOL_HINT)
@pytest.mark.hint("max_pool2d and max_pool2d_backward must give the same values on a large input (32 x 16 x 32 x 32, "
                  "size 2, stride 1).")
def test_max_pool2d_large_input(student, reference, rng):
    # The reference needs about 0.37 s for both calls; Python loops over the 491,008 windows a few
    # microseconds each, per function.
    x = rng.normal(size=(32, 16, 32, 32))
    check(student.max_pool2d, reference.max_pool2d, x, 2, 1)
    dout = rng.normal(size=(32, 16, 31, 31))
    check(student.max_pool2d_backward, reference.max_pool2d_backward, dout, x, 2, 1)


@pytest.mark.hidden
@pytest.mark.points(1)
@pytest.mark.hint("conv2d and conv2d_backward must also work for a 1 x 1 kernel, a kernel as big as the padded "
                  "image (one output position), and a stride larger than the kernel (pixels no window covers get "
                  "a zero gradient).")
def test_conv2d_unusual_shapes(student, reference, rng):
    for (N, C, H, W, F, kh, kw), stride, pad in (((2, 3, 4, 5, 2, 1, 1), 1, 0), ((2, 2, 4, 5, 3, 6, 7), 1, 1),
                                                  ((1, 2, 9, 8, 2, 2, 2), 3, 0), ((3, 1, 5, 5, 4, 3, 3), 2, 2)):
        x, w, b = _conv_problem(rng, N, C, H, W, F, kh, kw)
        check(student.conv2d, reference.conv2d, x, w, b, stride, pad, hint=_conv_hint(x, w, b, stride, pad))
        _conv_backward_case(student, reference, _dout(rng, x, w, stride, pad), x, w, stride, pad)


@pytest.mark.hidden
@pytest.mark.points(1)
@pytest.mark.hint("Batch normalisation must work for any batch size and number of features: two samples, "
                  "or one feature of many samples.")
def test_batchnorm_other_shapes(student, reference, rng):
    for n, d in ((2, 7), (64, 1)):
        x, gamma, beta = _bn_problem(rng, n, d)
        check(student.batchnorm_forward, reference.batchnorm_forward, x, gamma, beta,
              hint=_bn_hint(x, gamma, beta, 1e-5))
        dout = rng.normal(size=x.shape)
        _assert_grads(student.batchnorm_backward.call(dout, x, gamma), reference.batchnorm_backward(dout, x, gamma),
                      BN_GRADS, _bn_grad_hints(dout, x, gamma, 1e-5))
### END HIDDEN TESTS
