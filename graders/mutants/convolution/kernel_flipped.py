"""A true convolution, as in mathematics: the kernel is flipped (``w[:, :, ::-1, ::-1]``)
in the forward pass, and the backward pass is that of the flipped kernel, so training
still works; deep-learning layers do not flip."""

import numpy as np

CAUGHT_BY = "test_conv2d_no_kernel_flip"
MESSAGE = "with the kernel flipped"


def conv2d(x, w, b, stride=1, pad=0):
    x = np.asarray(x, dtype=np.float64)
    w = np.flip(np.asarray(w, dtype=np.float64), axis=(2, 3))
    N, _, H, W = x.shape
    F, _, kh, kw = w.shape
    OH, OW = conv_output_size(H, kh, stride, pad), conv_output_size(W, kw, stride, pad)
    out = im2col(x, kh, kw, stride, pad) @ w.reshape(F, -1).T + np.asarray(b, dtype=np.float64)
    return out.reshape(N, OH, OW, F).transpose(0, 3, 1, 2)


def conv2d_backward(dout, x, w, stride=1, pad=0):
    dout = np.asarray(dout, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    w = np.flip(np.asarray(w, dtype=np.float64), axis=(2, 3))
    F, _, kh, kw = w.shape
    dout_col = dout.transpose(0, 2, 3, 1).reshape(-1, F)
    dw = (dout_col.T @ im2col(x, kh, kw, stride, pad)).reshape(w.shape)
    dx = _col2im(dout_col @ w.reshape(F, -1), x.shape, kh, kw, stride, pad)
    return dx, np.flip(dw, axis=(2, 3)), dout.sum(axis=(0, 2, 3))
