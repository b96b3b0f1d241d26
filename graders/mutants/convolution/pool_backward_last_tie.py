"""Max-pool backward that, on a tie, sends the gradient to the last maximum of the window
(the last one a ``>=`` scan keeps) instead of the first, as np.argmax does."""

import numpy as np

CAUGHT_BY = "test_max_pool2d_backward_ties"
MESSAGE = "goes to the last maximum"


def max_pool2d_backward(dout, x, size=2, stride=2):
    x = np.asarray(x, dtype=np.float64)
    N, C, H, W = x.shape
    col = im2col(x.reshape(N * C, 1, H, W), size, size, stride)
    last = col.shape[1] - 1 - col[:, ::-1].argmax(axis=1)
    dcol = np.zeros_like(col)
    dcol[np.arange(len(col)), last] = np.asarray(dout, dtype=np.float64).reshape(-1)
    return _col2im(dcol, (N * C, 1, H, W), size, size, stride, 0).reshape(N, C, H, W)
