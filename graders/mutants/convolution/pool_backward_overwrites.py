"""Max-pool backward that assigns each window's gradient with ``=``: where windows
overlap, a pixel that is the maximum of several keeps only the last window's value."""

import numpy as np

CAUGHT_BY = "test_max_pool2d_backward_overlapping"
MESSAGE = "yours keeps only one of them"


def max_pool2d_backward(dout, x, size=2, stride=2):
    x = np.asarray(x, dtype=np.float64)
    dout = np.asarray(dout, dtype=np.float64)
    N, C = x.shape[:2]
    n, c = np.meshgrid(np.arange(N), np.arange(C), indexing="ij")
    dx = np.zeros_like(x)
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            window = x[:, :, i * stride:i * stride + size, j * stride:j * stride + size].reshape(N, C, -1)
            k = window.argmax(axis=2)
            dx[n, c, i * stride + k // size, j * stride + k % size] = dout[:, :, i, j]
    return dx
