"""Max-pool backward with a mask ``window == window.max()``: on a tie, every tied
maximum gets the window's gradient instead of the first one only."""

import numpy as np

CAUGHT_BY = "test_max_pool2d_backward_ties"
MESSAGE = "goes to every one of them"


def max_pool2d_backward(dout, x, size=2, stride=2):
    x = np.asarray(x, dtype=np.float64)
    dout = np.asarray(dout, dtype=np.float64)
    dx = np.zeros_like(x)
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            window = x[:, :, i * stride:i * stride + size, j * stride:j * stride + size]
            mask = window == window.max(axis=(2, 3), keepdims=True)
            dx[:, :, i * stride:i * stride + size, j * stride:j * stride + size] += mask * dout[:, :, i:i + 1, j:j + 1]
    return dx
