"""im2col pads with ``np.pad(x, pad)``, which pads all four axes: fake samples and
channels of zeros that do not fit the windows' array."""

import numpy as np

CAUGHT_BY = "test_im2col_padding"
MESSAGE = "np.pad(x, pad) pads all four axes"


def im2col(x, kh, kw, stride=1, pad=0):
    x = np.asarray(x, dtype=np.float64)
    N, C, H, W = x.shape
    OH, OW = conv_output_size(H, kh, stride, pad), conv_output_size(W, kw, stride, pad)
    xp = np.pad(x, pad)
    col = np.zeros((N, C, kh, kw, OH, OW))
    for ki in range(kh):
        for kj in range(kw):
            col[:, :, ki, kj] = xp[:, :, ki:ki + stride * OH:stride, kj:kj + stride * OW:stride]
    return col.transpose(0, 4, 5, 1, 2, 3).reshape(N * OH * OW, -1)
