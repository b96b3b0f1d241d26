"""im2col with ``transpose(4, 5, 0, 1, 2, 3)``: the rows go through the samples last,
``(i * OW + j) * N + n``, so ``conv2d``'s reshape mixes the samples up."""

import numpy as np

CAUGHT_BY = "test_im2col_row_order"
MESSAGE = "go through the samples last"


def im2col(x, kh, kw, stride=1, pad=0):
    x = np.asarray(x, dtype=np.float64)
    N, C, H, W = x.shape
    OH, OW = conv_output_size(H, kh, stride, pad), conv_output_size(W, kw, stride, pad)
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    col = np.zeros((N, C, kh, kw, OH, OW))
    for ki in range(kh):
        for kj in range(kw):
            col[:, :, ki, kj] = xp[:, :, ki:ki + stride * OH:stride, kj:kj + stride * OW:stride]
    return col.transpose(4, 5, 0, 1, 2, 3).reshape(N * OH * OW, -1)
