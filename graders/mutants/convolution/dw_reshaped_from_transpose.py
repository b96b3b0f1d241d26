"""conv2d_backward computes ``col.T @ dout_col``, shape (C * kh * kw, F), and reshapes it
to (F, C, kh, kw): the right size, the values mixed up."""

import numpy as np

CAUGHT_BY = "test_conv2d_backward"
MESSAGE = "Your dw holds the right numbers in the wrong places"


def conv2d_backward(dout, x, w, stride=1, pad=0):
    dout = np.asarray(dout, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    F, _, kh, kw = w.shape
    dout_col = dout.transpose(0, 2, 3, 1).reshape(-1, F)
    dw = (im2col(x, kh, kw, stride, pad).T @ dout_col).reshape(w.shape)
    dx = _col2im(dout_col @ w.reshape(F, -1), x.shape, kh, kw, stride, pad)
    return dx, dw, dout.sum(axis=(0, 2, 3))
