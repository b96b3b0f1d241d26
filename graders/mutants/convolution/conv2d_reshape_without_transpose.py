"""conv2d reshapes the ``(N * OH * OW, F)`` product straight to ``(N, F, OH, OW)``: the
right shape, the values scrambled."""

import numpy as np

CAUGHT_BY = "test_conv2d_values"
MESSAGE = "reshaped straight to (N, F, OH, OW)"


def conv2d(x, w, b, stride=1, pad=0):
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    N, _, H, W = x.shape
    F, _, kh, kw = w.shape
    OH, OW = conv_output_size(H, kh, stride, pad), conv_output_size(W, kw, stride, pad)
    out = im2col(x, kh, kw, stride, pad) @ w.reshape(F, -1).T + b
    return out.reshape(N, F, OH, OW)
