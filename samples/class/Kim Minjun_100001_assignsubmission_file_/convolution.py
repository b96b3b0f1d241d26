"""Exercise: the building blocks of a convolutional neural network (합성곱 신경망, CNN), in NumPy.

You will write the layers that a CNN for images is made of, forward (순전파) and
backward (역전파), as in chapter 7 of 밑바닥부터 시작하는 딥러닝 1:

    x --conv2d(w, b)--> feature maps (특징 맵) --ReLU--> --max_pool2d--> ... --affine--> scores

- ``conv_output_size``: how big a layer's output is;
- ``im2col``: every window of an image laid out as one row of a matrix, so that a
  convolution becomes ONE matrix product;
- ``conv2d`` and ``conv2d_backward``: the convolution layer (합성곱 계층);
- ``max_pool2d`` and ``max_pool2d_backward``: max pooling (최대 풀링);
- ``batchnorm_forward`` and ``batchnorm_backward``: batch normalisation (배치 정규화).

Shapes. Images are ``(N, C, H, W)`` (NCHW, the textbook's layout): ``N`` samples
(표본), ``C`` channels (채널: 1 for grey, 3 for RGB, or the feature maps of the
layer below), ``H`` rows and ``W`` columns. Filters (필터, also called kernels,
커널) are ``w`` of shape ``(F, C, kh, kw)``: ``F`` filters, each ``kh x kw`` over
all ``C`` channels, with one bias (편향) per filter, ``b`` of shape ``(F,)``. A
layer's output is ``(N, F, OH, OW)``, ``OH`` and ``OW`` its height and width.

Padding (패딩) adds ``pad`` rows of zeros above and below an image and ``pad``
columns of zeros left and right of it (never extra samples or channels). The
stride (스트라이드) is how far a window moves at each step, down and across.

Backward functions and "the gradient of ``sum(out * dout)``". A backward function
receives ``dout``, the gradient of the loss with respect to the layer's output
(same shape as the output), and returns the gradients with respect to the layer's
inputs. Whatever the loss is, that is the same as the gradient of the number
``L = sum(out * dout)`` with ``dout`` held fixed (its derivative with respect to
``out`` is ``dout``). So you can check any backward function numerically
(수치 미분) with central differences (중심 차분) of its forward function::

    def numerical_gradient(forward, x, dout, h=1e-5):
        x = x.astype(np.float64)            # a copy: the caller's x stays as it was
        grad = np.zeros_like(x)
        for index in np.ndindex(x.shape):
            old = x[index]
            x[index] = old + h
            plus = np.sum(forward(x) * dout)
            x[index] = old - h
            minus = np.sum(forward(x) * dout)
            x[index] = old
            grad[index] = (plus - minus) / (2 * h)
        return grad

    dx, dw, db = conv2d_backward(dout, x, w, stride, pad)
    num_dx = numerical_gradient(lambda v: conv2d(v, w, b, stride, pad), x, dout)
    num_dw = numerical_gradient(lambda v: conv2d(x, v, b, stride, pad), w, dout)
    error = np.max(np.abs(dx - num_dx)) / np.max(np.abs(dx) + np.abs(num_dx))

A correct backward gives a relative ``error`` below about ``1e-7`` (use tiny
arrays: it calls the forward function twice per element). The grader checks
every backward function this way as well as against exact values.

Speed. The grader runs ``conv2d`` on 48 images of 3 x 32 x 32 pixels with 16
filters, almost 800,000 output values, and allows 0.75 seconds. Python loops over every
output value (``for n ... for f ... for i ... for j ...: np.sum(window * w[f])``)
cost a few microseconds per value, seconds in all: that test runs out of time.
Let NumPy do the work on whole arrays instead: ``im2col`` plus one matrix
product (``@``), or a loop over the ``kh * kw`` kernel offsets (9 steps for a
3 x 3 kernel) in which each step handles every sample, channel and output
position at once. A loop over the ``OH * OW`` output positions that computes
every sample and filter at once is fast enough too.

Training. The grader also trains a small CNN, conv (3 x 3, pad 1) -> ReLU ->
max-pool (2 x 2) -> affine -> softmax, on 8 x 8 digits given as ``(n, 1, 8, 8)``:
your ``conv2d``, ``max_pool2d`` and their backward functions do the convolution
and the pooling; the rest (ReLU, the affine layer, the loss, Adam) is the
grader's. Each of your functions' first results is compared with the right
values, and the trained network must classify at least 60% of 400 digits it
never saw (correct functions reach about 89%, and never less than 77% over 300
random starts).

Rules for every function here:

- Never change an input array (no ``x -= mean``, no ``x[...] = 0``): build new arrays.
- Return float64 arrays (``conv_output_size``: a Python ``int``).
- Use NumPy only.

Replace each ``raise NotImplementedError(...)`` line with your code; keep the
names and the signatures. You may add helper functions of your own (a ``col2im``
for the backward functions, say). Check your work with::

    autograde check convolution
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]


def conv_output_size(size: int, kernel: int, stride: int = 1, pad: int = 0) -> int:
    """The number of window positions along one axis: the output's height or width.

    ::

        (size + 2 * pad - kernel) // stride + 1

    The padded axis has ``size + 2 * pad`` cells (``pad`` on EACH side); the first
    window covers cells ``0 .. kernel - 1`` and each further one starts ``stride``
    cells later, as long as it still fits. Worked example: ``size = 7``,
    ``kernel = 3``, ``stride = 2``, ``pad = 1``. The padded axis has 9 cells,
    ``0 .. 8``; windows start at 0, 2, 4 and 6 (the last one covers 6, 7, 8), so
    there are 4 of them, and ``(7 + 2 - 3) // 2 + 1 = 6 // 2 + 1 = 4``.

    >>> conv_output_size(7, 3)
    5
    >>> conv_output_size(7, 3, stride=2, pad=1)
    4
    >>> conv_output_size(8, 3, stride=2, pad=1)   # 7 // 2 + 1: the last padded cell is never reached
    4

    When the windows do not reach the end exactly, the floor (``//``) drops the
    cells that are left over (the last example), as in the textbook and Keras.

    Raise ``ValueError`` when the kernel does not fit at all
    (``size + 2 * pad < kernel``), with a message that says so.

    Pitfalls:

    - ``2 * pad``, not ``pad``: the zeros go on both sides.
    - ``+ 1``: ``size - kernel`` counts the steps between the first window and
      the last, not the windows (a 3-cell kernel on 3 cells fits once).
    - ``/`` gives a float (``4.0``); use ``//`` so that the result is an ``int``.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("conv_output_size is not written yet: replace this line with your code")
    if size + 2 * pad < kernel:
        raise ValueError(f"a kernel of {kernel} does not fit in {size} cells padded by {pad} on each side")
    return int((size + 2 * pad - kernel) // stride + 1)
    ### END SOLUTION


### BEGIN SOLUTION
def _window_index(shape: tuple[int, ...], kh: int, kw: int, stride: int, pad: int):
    """Index arrays that gather the windows of a padded (N, C, H + 2pad, W + 2pad) array.

    Returns ``(c, rows, cols, OH, OW)``: ``xp[:, c, rows, cols]`` is ``(N, OH * OW,
    C * kh * kw)``, each window flattened in (c, ki, kj) order, windows in row-major order.
    """
    _, C, H, W = shape
    OH = conv_output_size(H, kh, stride, pad)
    OW = conv_output_size(W, kw, stride, pad)
    # One row per output position (i, j), one column per (c, ki, kj).
    i = np.repeat(np.arange(OH), OW) * stride
    j = np.tile(np.arange(OW), OH) * stride
    c = np.repeat(np.arange(C), kh * kw)
    ki = np.tile(np.repeat(np.arange(kh), kw), C)
    kj = np.tile(np.arange(kw), C * kh)
    return c[None, :], i[:, None] + ki[None, :], j[:, None] + kj[None, :], OH, OW


def _pad(x: Array, pad: int) -> Array:
    """``x`` with ``pad`` zeros on each side of its last two axes only."""
    return np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))


def _col2im(col: Array, shape: tuple[int, ...], kh: int, kw: int, stride: int, pad: int) -> Array:
    """The adjoint of ``im2col``: each row's values added back where its window lies."""
    N, C, H, W = shape
    c, rows, cols, OH, OW = _window_index(shape, kh, kw, stride, pad)
    dxp = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    # np.add.at adds every value, also where windows overlap (dxp[idx] += v would keep one).
    np.add.at(dxp, (slice(None), c, rows, cols), col.reshape(N, OH * OW, -1))
    return dxp[:, :, pad:pad + H, pad:pad + W]
### END SOLUTION


def im2col(x: ArrayLike, kh: int, kw: int, stride: int = 1, pad: int = 0) -> Array:
    """Image to columns: every ``kh x kw`` window of ``x`` as one row of a matrix.

    ``x`` is ``(N, C, H, W)``; the result is ``(N * OH * OW, C * kh * kw)`` with
    ``OH = conv_output_size(H, kh, stride, pad)`` and ``OW`` likewise for ``W``, ``kw``:

    - row ``(n * OH + i) * OW + j`` is the window of sample ``n`` at output
      position ``(i, j)``: the block ``xp[n, :, i*stride : i*stride + kh,
      j*stride : j*stride + kw]`` of the zero-padded image ``xp``. Rows go through
      the samples first, then, inside each sample, through the positions row by
      row (row-major order: (0, 0), (0, 1), ..., (1, 0), ...);
    - within a row, the window's ``C * kh * kw`` values are flattened in
      ``(c, ki, kj)`` order: all of channel 0 row by row, then channel 1, ...,
      which is the order ``block.reshape(-1)`` gives, and the order of
      ``w.reshape(F, -1)`` for the filters. That is why ``conv2d`` is then one
      matrix product.

    Worked example: one sample with two channels of 3 x 3, and 2 x 2 windows.
    ``OH = OW = 2``, so 4 rows of ``2 * 2 * 2 = 8`` values::

        channel 0     channel 1
        0 1 2         9 10 11
        3 4 5        12 13 14
        6 7 8        15 16 17

    >>> x = np.arange(18.0).reshape(1, 2, 3, 3)
    >>> im2col(x, 2, 2)
    array([[ 0.,  1.,  3.,  4.,  9., 10., 12., 13.],
           [ 1.,  2.,  4.,  5., 10., 11., 13., 14.],
           [ 3.,  4.,  6.,  7., 12., 13., 15., 16.],
           [ 4.,  5.,  7.,  8., 13., 14., 16., 17.]])

    Row 0 is the window at the top left: channel 0's ``0 1 / 3 4``, then channel
    1's ``9 10 / 12 13``. With ``pad=1`` the first window of a 2 x 2 image of ones
    holds three zeros of the padding:

    >>> im2col(np.ones((1, 1, 2, 2)), 2, 2, pad=1)[0]
    array([0., 0., 0., 1.])

    How to vectorise (the textbook's way): make ``col6`` of shape
    ``(N, C, kh, kw, OH, OW)`` and loop over the ``kh * kw`` kernel offsets
    ``(ki, kj)`` only. For one offset, ``xp[:, :, ki : ki + stride*OH : stride,
    kj : kj + stride*OW : stride]`` is the pixel at that offset of EVERY window,
    for every sample and channel at once: ``(N, C, OH, OW)``; store it in
    ``col6[:, :, ki, kj]``. Then ``col6.transpose(0, 4, 5, 1, 2, 3)`` puts the
    axes in the order (n, i, j, c, ki, kj), and ``.reshape(N * OH * OW, -1)``
    gives the rows above.

    Pitfalls:

    - ``np.pad(x, pad)`` pads ALL FOUR axes, adding fake samples and channels of
      zeros. Pad only the height and the width:
      ``np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))``.
    - ``transpose(0, 4, 5, 2, 3, 1)`` (or any other order) flattens each window in
      ``(ki, kj, c)`` order: the same numbers in the wrong columns, which no longer
      line up with ``w.reshape(F, -1)``.
    - ``transpose(4, 5, 0, 1, 2, 3)`` puts the samples last (rows
      ``(i * OW + j) * N + n``): ``conv2d``'s reshape then mixes up the samples.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("im2col is not written yet: replace this line with your code")
    x = np.asarray(x, dtype=np.float64)
    c, rows, cols, OH, OW = _window_index(x.shape, kh, kw, stride, pad)
    return _pad(x, pad)[:, c, rows, cols].reshape(x.shape[0] * OH * OW, -1)
    ### END SOLUTION


def conv2d(x: ArrayLike, w: ArrayLike, b: ArrayLike, stride: int = 1, pad: int = 0) -> Array:
    """The forward pass of a convolution layer (합성곱 계층): ``(N, F, OH, OW)``.

    ``x`` is ``(N, C, H, W)``, the filters ``w`` are ``(F, C, kh, kw)``, the biases
    ``b`` are ``(F,)``. With ``xp`` the image zero-padded by ``pad`` on each side of
    its height and width::

        out[n, f, i, j] = sum(xp[n, :, i*stride : i*stride + kh, j*stride : j*stride + kw] * w[f]) + b[f]

    Each filter slides over the image; at each position it multiplies its weights
    with the pixels under it, over all channels, and adds them up.

    Cross-correlation, not a flipped kernel. In mathematics and signal
    processing, convolution (합성곱) flips the kernel first (``w[f, :, ::-1, ::-1]``);
    deep-learning frameworks (Keras ``Conv2D``, PyTorch, the textbook) do NOT flip
    it: what they compute is a cross-correlation (교차 상관), and they call it a
    convolution anyway. Do the same: no ``[::-1]``, no ``np.flip``, no
    ``scipy.signal.convolve2d``. The grader checks with asymmetric kernels, where
    a flipped kernel gives other numbers:

    >>> x = np.arange(9.0).reshape(1, 1, 3, 3)      # 0 1 2 / 3 4 5 / 6 7 8
    >>> w = np.array([[[[1.0, 2.0], [0.0, 0.0]]]])  # (F=1, C=1, 2, 2): a pixel + 2 x its right neighbour
    >>> conv2d(x, w, np.array([0.5]))
    array([[[[ 2.5,  5.5],
             [11.5, 14.5]]]])

    (A flipped kernel would give ``2 x x[i+1, j] + x[i+1, j+1] + 0.5``:
    ``10.5, 13.5, 19.5, 22.5``.)

    With ``im2col`` the whole layer is one matrix product::

        col   = im2col(x, kh, kw, stride, pad)      (N * OH * OW, C * kh * kw)
        w_col = w.reshape(F, -1)                    (F, C * kh * kw), the same (c, ki, kj) order
        out   = col @ w_col.T + b                   (N * OH * OW, F): b added to each row
        out   = out.reshape(N, OH, OW, F).transpose(0, 3, 1, 2)     (N, F, OH, OW)

    Pitfalls:

    - ``out.reshape(N, F, OH, OW)`` straight from ``(N * OH * OW, F)`` keeps the
      right shape but scrambles the values: the filters are the LAST axis there.
      Reshape to ``(N, OH, OW, F)``, then move the filter axis with ``transpose``.
    - The output size needs ``2 * pad`` and ``+ 1`` (``conv_output_size``).
    - Loops over every output value are too slow for the grader's large input
      (see the module's docstring).
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("conv2d is not written yet: replace this line with your code")
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    N, _, H, W = x.shape
    F, _, kh, kw = w.shape
    OH, OW = conv_output_size(H, kh, stride, pad), conv_output_size(W, kw, stride, pad)
    out = im2col(x, kh, kw, stride, pad) @ w.reshape(F, -1).T + np.asarray(b, dtype=np.float64)
    return out.reshape(N, OH, OW, F).transpose(0, 3, 1, 2)
    ### END SOLUTION


def conv2d_backward(
    dout: ArrayLike, x: ArrayLike, w: ArrayLike, stride: int = 1, pad: int = 0
) -> tuple[Array, Array, Array]:
    """The backward pass of ``conv2d``: ``(dx, dw, db)``.

    The gradients of ``sum(conv2d(x, w, b, stride, pad) * dout)`` (see the module's
    docstring) with respect to ``x``, ``w`` and ``b``: ``dx`` has ``x``'s shape
    ``(N, C, H, W)``, ``dw`` has ``w``'s ``(F, C, kh, kw)`` and ``db`` has ``(F,)``.
    ``dout`` is ``(N, F, OH, OW)``. The bias does not change any gradient, so it is
    not an argument.

    Backward through the forward's matrix product (as for an affine layer, Affine 계층)::

        dout_col = dout.transpose(0, 2, 3, 1).reshape(-1, F)   (N * OH * OW, F): rows as im2col's
        db   = dout.sum(axis=(0, 2, 3))                        (F,)  summed over samples and positions
        dw   = (dout_col.T @ col).reshape(F, C, kh, kw)        col = im2col(x, kh, kw, stride, pad)
        dcol = dout_col @ w.reshape(F, -1)                     (N * OH * OW, C * kh * kw)
        dx   = col2im(dcol)                                    (N, C, H, W)

    ``col2im`` undoes ``im2col``'s layout: it puts the values of each row back
    where that window lies in a zero array of the PADDED shape
    ``(N, C, H + 2*pad, W + 2*pad)``, at rows ``i*stride ..`` and columns
    ``j*stride ..`` (the same places ``im2col`` read them from), and finally
    cuts the padding off: ``dxp[:, :, pad : pad + H, pad : pad + W]`` (careful:
    ``dxp[:, :, pad:-pad, pad:-pad]`` is empty when ``pad == 0``). Where windows
    OVERLAP (whenever the kernel is bigger than the stride) a pixel was used by
    several windows, so its gradient is the SUM of theirs: ADD (``+=``), never
    overwrite (``=``). The textbook's loop over the kernel offsets does it::

        for ki in range(kh):
            for kj in range(kw):
                dxp[:, :, ki : ki + stride*OH : stride, kj : kj + stride*OW : stride] += dcol6[:, :, ki, kj]

    with ``dcol6 = dcol.reshape(N, OH, OW, C, kh, kw).transpose(0, 3, 4, 5, 1, 2)``.
    Pixels that no window reached get 0. (With index arrays, ``dxp[idx] += v``
    adds only once per repeated index; ``np.add.at(dxp, idx, v)`` adds them all.)

    Pitfalls:

    - The stride: window ``(i, j)`` starts at ``(i*stride, j*stride)`` here too.
    - ``db``: one number per filter, the sum over every axis of ``dout`` except
      the filter axis (axis 1).
    - ``dw = dout_col.T @ col`` is ``(F, C * kh * kw)``: reshape it to
      ``(F, C, kh, kw)``. ``(col.T @ dout_col).reshape(F, C, kh, kw)`` has the right
      size but mixes the values up.
    - ``dx`` must have the shape of ``x``, without the padding.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("conv2d_backward is not written yet: replace this line with your code")
    dout = np.asarray(dout, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    F, _, kh, kw = w.shape
    dout_col = dout.transpose(0, 2, 3, 1).reshape(-1, F)
    db = dout.sum(axis=(0, 2, 3))
    dw = (dout_col.T @ im2col(x, kh, kw, stride, pad)).reshape(w.shape)
    dx = _col2im(dout_col @ w.reshape(F, -1), x.shape, kh, kw, stride, pad)
    return dx, dw, db
    ### END SOLUTION


def max_pool2d(x: ArrayLike, size: int = 2, stride: int = 2) -> Array:
    """Max pooling (최대 풀링): the maximum of each ``size x size`` window, ``(N, C, OH, OW)``.

    ``x`` is ``(N, C, H, W)``, with no padding; ``OH = (H - size) // stride + 1``
    and ``OW = (W - size) // stride + 1`` (``conv_output_size(H, size, stride)``):
    as for a convolution, rows and columns left over at the end are dropped.
    Each channel is pooled on its own::

        out[n, c, i, j] = max(x[n, c, i*stride : i*stride + size, j*stride : j*stride + size])

    >>> x = np.array([[[[1.0, 2.0, 5.0, 0.0],
    ...                 [3.0, 4.0, 1.0, 1.0],
    ...                 [0.0, 1.0, 2.0, 2.0],
    ...                 [6.0, 1.0, 2.0, 8.0]]]])
    >>> max_pool2d(x)
    array([[[[4., 5.],
             [6., 8.]]]])
    >>> max_pool2d(x, size=3, stride=1)             # windows that overlap
    array([[[[5., 5.],
             [6., 8.]]]])

    Vectorise with ``im2col``: treat every channel as a one-channel image,
    ``im2col(x.reshape(N * C, 1, H, W), size, size, stride)`` has one window per
    row (in the order n, c, i, j); take ``.max(axis=1)`` and reshape to
    ``(N, C, OH, OW)``. Or loop over the ``size * size`` offsets and keep a
    running ``np.maximum``.

    Pitfalls:

    - The stride is its own argument: with ``size=3, stride=2`` the windows overlap.
    - ``im2col(x, size, size, stride)`` on the image as it is puts all ``C``
      channels of a window in one row: its maximum would mix the channels.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("max_pool2d is not written yet: replace this line with your code")
    x = np.asarray(x, dtype=np.float64)
    N, C, H, W = x.shape
    OH, OW = conv_output_size(H, size, stride), conv_output_size(W, size, stride)
    return im2col(x.reshape(N * C, 1, H, W), size, size, stride).max(axis=1).reshape(N, C, OH, OW)
    ### END SOLUTION


def max_pool2d_backward(dout: ArrayLike, x: ArrayLike, size: int = 2, stride: int = 2) -> Array:
    """The backward pass of ``max_pool2d``: ``dx`` of ``x``'s shape.

    The gradient of ``sum(max_pool2d(x, size, stride) * dout)`` with respect to
    ``x``: each window passes its ``dout`` value to the position of its maximum
    (the only pixel of the window that the output depends on); every other
    pixel of the window gets nothing from that window.

    Ties: when several pixels of a window share the maximum, ONLY THE FIRST ONE in
    row-major order (by rows, then by columns, within the window) gets the
    gradient: the position ``np.argmax`` returns for the window flattened with
    ``window.reshape(-1)``. Not every tied pixel, not the last one, and not a
    share each. (The textbook's ``Pooling`` layer does the same with ``np.argmax``.)

    Overlapping windows (``stride < size``): a pixel can be the maximum of several
    windows; its gradient is the SUM of what they pass: ADD (``+=``), never
    overwrite.

    >>> x = np.array([[[[1.0, 3.0], [3.0, 2.0]]]])          # one window, a tie
    >>> max_pool2d_backward(np.array([[[[10.0]]]]), x)
    array([[[[ 0., 10.],
             [ 0.,  0.]]]])
    >>> x = np.array([[[[1.0, 2.0, 0.0], [0.0, 9.0, 0.0], [0.0, 0.0, 3.0]]]])
    >>> dout = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    >>> max_pool2d_backward(dout, x, size=2, stride=1)    # 9 is the maximum of all four windows
    array([[[[ 0.,  0.,  0.],
             [ 0., 10.,  0.],
             [ 0.,  0.,  0.]]]])

    Vectorise as in ``max_pool2d``: ``idx = col.argmax(axis=1)`` for the im2col
    rows ``col``; make ``dcol = np.zeros_like(col)``, set
    ``dcol[np.arange(len(idx)), idx] = dout.reshape(-1)`` and put ``dcol`` back
    with the ``col2im`` of ``conv2d_backward`` (which adds where windows overlap).

    Pitfalls:

    - ``dout * (window == window.max())`` sends the gradient to EVERY tied maximum.
    - ``dx[...] = ...`` in a loop over overlapping windows keeps only the last
      window's value; use ``+=``.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("max_pool2d_backward is not written yet: replace this line with your code")
    x = np.asarray(x, dtype=np.float64)
    N, C, H, W = x.shape
    col = im2col(x.reshape(N * C, 1, H, W), size, size, stride)
    dcol = np.zeros_like(col)
    dcol[np.arange(len(col)), col.argmax(axis=1)] = np.asarray(dout, dtype=np.float64).reshape(-1)
    return _col2im(dcol, (N * C, 1, H, W), size, size, stride, 0).reshape(N, C, H, W)
    ### END SOLUTION


def batchnorm_forward(x: ArrayLike, gamma: ArrayLike, beta: ArrayLike, eps: float = 1e-5) -> Array:
    """Batch normalisation (배치 정규화) in training mode: ``(N, D)``.

    ``x`` is ``(N, D)``: ``N`` samples of ``D`` features; ``gamma`` (scale) and
    ``beta`` (shift) are ``(D,)``. Each feature (column) is normalised with the
    mean and the variance of the batch::

        mean  = x.mean(axis=0)                     (D,)
        var   = x.var(axis=0)                      (D,)  BIASED: divided by N (ddof=0)
        x_hat = (x - mean) / np.sqrt(var + eps)    (N, D)  eps INSIDE the square root
        out   = gamma * x_hat + beta               (N, D)

    >>> x = np.array([[1.0, 10.0], [3.0, 10.0]])
    >>> np.round(batchnorm_forward(x, np.ones(2), np.zeros(2)), 6)
    array([[-0.999995,  0.      ],
           [ 0.999995,  0.      ]])

    (Column 0: mean 2, variance 1, so ``x_hat = -+1 / sqrt(1.00001)``. Column 1 is
    constant: variance 0, and ``eps`` keeps ``0 / sqrt(0 + eps)`` from being
    ``0 / 0``.) Only training mode is asked for here: no running averages for
    inference. (For images, the textbook's ``BatchNormalization`` flattens
    ``(N, C, H, W)`` to ``(N, C * H * W)`` first; here ``x`` is always 2-D.)

    Pitfalls:

    - ``np.var`` and ``x.var()`` divide by ``N`` (biased, ``ddof=0``): that is the
      one to use, as the textbook and Keras do. ``ddof=1`` (divided by ``N - 1``,
      the default of pandas' ``var``/``std``) is not.
    - ``(x - mean) / (np.sqrt(var) + eps)`` puts ``eps`` in the wrong place; for a
      feature with a tiny variance (close to ``eps``) the result is far off.
    - ``axis=0``: statistics over the samples, one per feature, not per sample.
    - ``x -= mean`` changes the caller's array: write ``xc = x - mean``.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("batchnorm_forward is not written yet: replace this line with your code")
    x = np.asarray(x, dtype=np.float64)
    x_hat = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps)
    return np.asarray(gamma, dtype=np.float64) * x_hat + np.asarray(beta, dtype=np.float64)
    ### END SOLUTION


def batchnorm_backward(
    dout: ArrayLike, x: ArrayLike, gamma: ArrayLike, eps: float = 1e-5
) -> tuple[Array, Array, Array]:
    """The backward pass of ``batchnorm_forward``: ``(dx, dgamma, dbeta)``.

    The gradients of ``sum(batchnorm_forward(x, gamma, beta, eps) * dout)``:
    ``dx`` is ``(N, D)``, ``dgamma`` and ``dbeta`` are ``(D,)``. (``beta`` does
    not change any gradient, so it is not an argument.) With ``x_hat`` and
    ``std = np.sqrt(var + eps)`` as in the forward pass::

        dbeta  = dout.sum(axis=0)
        dgamma = (dout * x_hat).sum(axis=0)
        dx_hat = dout * gamma
        dx     = (dx_hat - dx_hat.mean(axis=0) - x_hat * (dx_hat * x_hat).mean(axis=0)) / std

    Where the two mean terms come from: ``mean`` and ``var`` are computed FROM
    ``x``, so changing one sample changes the normalisation of every sample of
    the batch. ``dx_hat / std`` alone treats them as constants and is wrong.
    Following the computational graph (계산 그래프) step by step, as the textbook
    does (``xc = x - mean``, ``dstd``, ``dvar``, ``dmu``), gives the same ``dx``.
    A quick test of yours: each column of ``dx`` sums to 0 (shifting one feature
    of every sample by the same amount does not change the output).

    Pitfalls:

    - ``dgamma = dout.sum(axis=0)`` is ``dbeta``; ``gamma`` multiplies ``x_hat``,
      so ``dgamma`` is the sum of ``dout * x_hat``.
    - Use the same biased variance and ``eps`` inside the square root as the
      forward pass.
    """
    ### BEGIN SOLUTION
    ### STUB: raise NotImplementedError("batchnorm_backward is not written yet: replace this line with your code")
    dout = np.asarray(dout, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    std = np.sqrt(x.var(axis=0) + eps)
    x_hat = (x - x.mean(axis=0)) / std
    dx_hat = dout * np.asarray(gamma, dtype=np.float64)
    dx = (dx_hat - dx_hat.mean(axis=0) - x_hat * (dx_hat * x_hat).mean(axis=0)) / std
    return dx, (dout * x_hat).sum(axis=0), dout.sum(axis=0)
    ### END SOLUTION
