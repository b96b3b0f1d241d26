"""conv2d_backward returns the padded dx, ``(N, C, H + 2 * pad, W + 2 * pad)``, without
cutting the padding off."""

import numpy as np

CAUGHT_BY = "test_conv2d_backward_padding"
MESSAGE = "cut the padding off at the end"


def conv2d_backward(dout, x, w, stride=1, pad=0):
    dout = np.asarray(dout, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    N, C, H, W = x.shape
    F, _, kh, kw = w.shape
    OH, OW = dout.shape[2:]
    dout_col = dout.transpose(0, 2, 3, 1).reshape(-1, F)
    dw = (dout_col.T @ im2col(x, kh, kw, stride, pad)).reshape(w.shape)
    dcol = (dout_col @ w.reshape(F, -1)).reshape(N, OH, OW, C, kh, kw).transpose(0, 3, 4, 5, 1, 2)
    dxp = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    for ki in range(kh):
        for kj in range(kw):
            dxp[:, :, ki:ki + stride * OH:stride, kj:kj + stride * OW:stride] += dcol[:, :, ki, kj]
    return dxp, dw, dout.sum(axis=(0, 2, 3))
