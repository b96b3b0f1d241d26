"""Style: ``numpy.lib.stride_tricks.sliding_window_view`` + ``np.einsum``.

Every window of the padded image is a view ``(N, C, OH, OW, kh, kw)``; the convolution
is one einsum with the filters, and ``dw`` one einsum with ``dout``. ``dx`` is the
"full" correlation of ``dout`` (spread out by the stride and padded by the kernel size)
with the kernel rotated by 180 degrees, the transposed convolution. Pooling takes the
maximum and the argmax of the window views and scatters with ``np.add.at``.
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv_output_size(size, kernel, stride=1, pad=0):
    padded = size + 2 * pad
    if padded < kernel:
        raise ValueError(f"kernel {kernel} does not fit in {padded}")
    return (padded - kernel) // stride + 1


def _windows(x, kh, kw, stride, pad):
    x = np.asarray(x, dtype=np.float64)
    conv_output_size(x.shape[2], kh, stride, pad)
    conv_output_size(x.shape[3], kw, stride, pad)
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    return sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]


def im2col(x, kh, kw, stride=1, pad=0):
    win = _windows(x, kh, kw, stride, pad)
    N, C, OH, OW = win.shape[:4]
    return win.transpose(0, 2, 3, 1, 4, 5).reshape(N * OH * OW, C * kh * kw)


def conv2d(x, w, b, stride=1, pad=0):
    w = np.asarray(w, dtype=np.float64)
    win = _windows(x, w.shape[2], w.shape[3], stride, pad)
    return np.einsum("nchwij,fcij->nfhw", win, w, optimize=True) + np.asarray(b)[:, None, None]


def conv2d_backward(dout, x, w, stride=1, pad=0):
    dout = np.asarray(dout, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    N, C, H, W = x.shape
    F, _, kh, kw = w.shape
    OH, OW = dout.shape[2:]
    dw = np.einsum("nchwij,nfhw->fcij", _windows(x, kh, kw, stride, pad), dout, optimize=True)
    db = np.einsum("nfhw->f", dout)
    # Spread dout out by the stride, pad it by the kernel, and correlate with the rotated kernel.
    spread = np.zeros((N, F, (OH - 1) * stride + 1, (OW - 1) * stride + 1))
    spread[:, :, ::stride, ::stride] = dout
    extra_h = H + 2 * pad - ((OH - 1) * stride + kh)  # rows no window reached
    extra_w = W + 2 * pad - ((OW - 1) * stride + kw)
    full = np.pad(spread, ((0, 0), (0, 0), (kh - 1, kh - 1 + extra_h), (kw - 1, kw - 1 + extra_w)))
    rotated = w[:, :, ::-1, ::-1]
    dxp = np.einsum("nfhwij,fcij->nchw", sliding_window_view(full, (kh, kw), axis=(2, 3)), rotated,
                    optimize=True)
    return dxp[:, :, pad:pad + H, pad:pad + W], dw, db


def max_pool2d(x, size=2, stride=2):
    return _windows(x, size, size, stride, 0).max(axis=(4, 5))


def max_pool2d_backward(dout, x, size=2, stride=2):
    x = np.asarray(x, dtype=np.float64)
    win = _windows(x, size, size, stride, 0)
    N, C, OH, OW = win.shape[:4]
    first = win.reshape(N, C, OH, OW, size * size).argmax(axis=-1)
    n, c, i, j = np.indices((N, C, OH, OW))
    rows = i * stride + first // size
    cols = j * stride + first % size
    dx = np.zeros_like(x)
    np.add.at(dx, (n, c, rows, cols), np.asarray(dout, dtype=np.float64))
    return dx


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    centred = x - np.einsum("nd->d", x) / len(x)
    var = np.einsum("nd,nd->d", centred, centred) / len(x)
    return np.einsum("d,nd->nd", gamma / np.sqrt(var + eps), centred) + beta


def batchnorm_backward(dout, x, gamma, eps=1e-5):
    dout = np.asarray(dout, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    n = len(x)
    centred = x - x.mean(axis=0)
    inv_std = 1.0 / np.sqrt(np.einsum("nd,nd->d", centred, centred) / n + eps)
    x_hat = centred * inv_std
    dbeta = np.einsum("nd->d", dout)
    dgamma = np.einsum("nd,nd->d", dout, x_hat)
    dx = (gamma * inv_std / n) * (n * dout - dbeta - x_hat * dgamma)
    return dx, dgamma, dbeta
