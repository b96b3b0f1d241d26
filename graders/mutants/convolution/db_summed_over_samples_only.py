"""The bias gradient is summed over the samples only, ``dout.sum(axis=0)``, as an affine
layer's is: shape (F, OH, OW) instead of (F,)."""

import numpy as np

CAUGHT_BY = "test_conv2d_backward_bias"
MESSAGE = "summed over the samples only"


def conv2d_backward(dout, x, w, stride=1, pad=0):
    dout = np.asarray(dout, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    F, _, kh, kw = w.shape
    dout_col = dout.transpose(0, 2, 3, 1).reshape(-1, F)
    dw = (dout_col.T @ im2col(x, kh, kw, stride, pad)).reshape(w.shape)
    dx = _col2im(dout_col @ w.reshape(F, -1), x.shape, kh, kw, stride, pad)
    return dx, dw, dout.sum(axis=0)
