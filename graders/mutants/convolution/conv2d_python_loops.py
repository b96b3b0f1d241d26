"""conv2d as Python loops over every output value (sample, filter, row, column), each
an ``np.sum(window * w[f])``: right, but far too slow for a large input."""

import numpy as np

CAUGHT_BY = "test_conv2d_large_input"
MESSAGE = "Python loops over every output value are too slow here"


def conv2d(x, w, b, stride=1, pad=0):
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    N, C, H, W = x.shape
    F, _, kh, kw = w.shape
    OH, OW = conv_output_size(H, kh, stride, pad), conv_output_size(W, kw, stride, pad)
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.zeros((N, F, OH, OW))
    for n in range(N):
        for f in range(F):
            for i in range(OH):
                for j in range(OW):
                    window = xp[n, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
                    out[n, f, i, j] = np.sum(window * w[f]) + b[f]
    return out
