"""im2col in the textbook's style, but with ``transpose(0, 4, 5, 2, 3, 1)``: each window
is flattened in (ki, kj, c) order, which no longer matches ``w.reshape(F, -1)``."""

import numpy as np

CAUGHT_BY = "test_im2col_column_order"
MESSAGE = "flattened in (ki, kj, c) order"


def im2col(x, kh, kw, stride=1, pad=0):
    x = np.asarray(x, dtype=np.float64)
    N, C, H, W = x.shape
    OH, OW = conv_output_size(H, kh, stride, pad), conv_output_size(W, kw, stride, pad)
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    col = np.zeros((N, C, kh, kw, OH, OW))
    for ki in range(kh):
        for kj in range(kw):
            col[:, :, ki, kj] = xp[:, :, ki:ki + stride * OH:stride, kj:kj + stride * OW:stride]
    return col.transpose(0, 4, 5, 2, 3, 1).reshape(N * OH * OW, -1)
