"""max_pool2d moves its windows by ``size`` whatever the stride: windows never overlap."""

import numpy as np

CAUGHT_BY = "test_max_pool2d_overlapping"
MESSAGE = "use the stride argument"


def max_pool2d(x, size=2, stride=2):
    x = np.asarray(x, dtype=np.float64)
    N, C, H, W = x.shape
    OH, OW = conv_output_size(H, size, size), conv_output_size(W, size, size)
    return im2col(x.reshape(N * C, 1, H, W), size, size, size).max(axis=1).reshape(N, C, OH, OW)
