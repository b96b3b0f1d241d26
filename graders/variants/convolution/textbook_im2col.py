"""Style: the Korean textbook "밑바닥부터 시작하는 딥러닝 1", ch. 7 (common/util.py, common/layers.py).

``im2col`` fills an ``(N, C, kh, kw, OH, OW)`` array with one strided slice per kernel
offset and transposes it with ``(0, 4, 5, 1, 2, 3)``; ``col2im`` adds the slices back
into a padded image that is ``stride - 1`` larger on each axis and cuts it. The layers
are classes with ``forward``/``backward`` that keep what the backward pass needs
(``Convolution``, ``Pooling`` with its ``arg_max``, ``BatchNormalization`` backward
along the computational graph: ``xc``, ``dstd``, ``dvar``, ``dmu``); the exercise's
functions make a layer and call it.
"""

import numpy as np


def conv_output_size(size, kernel, stride=1, pad=0):
    if size + 2 * pad < kernel:
        raise ValueError("the filter is larger than the padded input")
    return (size + 2 * pad - kernel) // stride + 1


def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_data.shape
    out_h = conv_output_size(H, filter_h, stride, pad)
    out_w = conv_output_size(W, filter_w, stride, pad)

    img = np.pad(input_data, [(0, 0), (0, 0), (pad, pad), (pad, pad)], "constant")
    col = np.zeros((N, C, filter_h, filter_w, out_h, out_w))

    for y in range(filter_h):
        y_max = y + stride * out_h
        for x in range(filter_w):
            x_max = x + stride * out_w
            col[:, :, y, x, :, :] = img[:, :, y:y_max:stride, x:x_max:stride]

    col = col.transpose(0, 4, 5, 1, 2, 3).reshape(N * out_h * out_w, -1)
    return col


def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_shape
    out_h = conv_output_size(H, filter_h, stride, pad)
    out_w = conv_output_size(W, filter_w, stride, pad)
    col = col.reshape(N, out_h, out_w, C, filter_h, filter_w).transpose(0, 3, 4, 5, 1, 2)

    img = np.zeros((N, C, H + 2 * pad + stride - 1, W + 2 * pad + stride - 1))
    for y in range(filter_h):
        y_max = y + stride * out_h
        for x in range(filter_w):
            x_max = x + stride * out_w
            img[:, :, y:y_max:stride, x:x_max:stride] += col[:, :, y, x, :, :]

    return img[:, :, pad:H + pad, pad:W + pad]


class Convolution:
    def __init__(self, W, b, stride=1, pad=0):
        self.W = W
        self.b = b
        self.stride = stride
        self.pad = pad

    def forward(self, x):
        FN, C, FH, FW = self.W.shape
        N, C, H, W = x.shape
        out_h = conv_output_size(H, FH, self.stride, self.pad)
        out_w = conv_output_size(W, FW, self.stride, self.pad)

        col = im2col(x, FH, FW, self.stride, self.pad)
        col_W = self.W.reshape(FN, -1).T

        out = np.dot(col, col_W) + self.b
        out = out.reshape(N, out_h, out_w, -1).transpose(0, 3, 1, 2)

        self.x = x
        self.col = col
        self.col_W = col_W
        return out

    def backward(self, dout):
        FN, C, FH, FW = self.W.shape
        dout = dout.transpose(0, 2, 3, 1).reshape(-1, FN)

        self.db = np.sum(dout, axis=0)
        self.dW = np.dot(self.col.T, dout)
        self.dW = self.dW.transpose(1, 0).reshape(FN, C, FH, FW)

        dcol = np.dot(dout, self.col_W.T)
        dx = col2im(dcol, self.x.shape, FH, FW, self.stride, self.pad)
        return dx


class Pooling:
    def __init__(self, pool_h, pool_w, stride=1, pad=0):
        self.pool_h = pool_h
        self.pool_w = pool_w
        self.stride = stride
        self.pad = pad

    def forward(self, x):
        N, C, H, W = x.shape
        out_h = int(1 + (H - self.pool_h) / self.stride)
        out_w = int(1 + (W - self.pool_w) / self.stride)

        col = im2col(x, self.pool_h, self.pool_w, self.stride, self.pad)
        col = col.reshape(-1, self.pool_h * self.pool_w)

        arg_max = np.argmax(col, axis=1)
        out = np.max(col, axis=1)
        out = out.reshape(N, out_h, out_w, C).transpose(0, 3, 1, 2)

        self.x = x
        self.arg_max = arg_max
        return out

    def backward(self, dout):
        dout = dout.transpose(0, 2, 3, 1)

        pool_size = self.pool_h * self.pool_w
        dmax = np.zeros((dout.size, pool_size))
        dmax[np.arange(self.arg_max.size), self.arg_max.flatten()] = dout.flatten()
        dmax = dmax.reshape(dout.shape + (pool_size,))

        dcol = dmax.reshape(dmax.shape[0] * dmax.shape[1] * dmax.shape[2], -1)
        dx = col2im(dcol, self.x.shape, self.pool_h, self.pool_w, self.stride, self.pad)
        return dx


class BatchNormalization:
    def __init__(self, gamma, beta, eps):
        self.gamma = gamma
        self.beta = beta
        self.eps = eps

    def forward(self, x):
        mu = x.mean(axis=0)
        xc = x - mu
        var = np.mean(xc ** 2, axis=0)
        std = np.sqrt(var + self.eps)
        xn = xc / std

        self.batch_size = x.shape[0]
        self.xc = xc
        self.xn = xn
        self.std = std
        return self.gamma * xn + self.beta

    def backward(self, dout):
        dbeta = dout.sum(axis=0)
        dgamma = np.sum(self.xn * dout, axis=0)
        dxn = self.gamma * dout
        dxc = dxn / self.std
        dstd = -np.sum((dxn * self.xc) / (self.std * self.std), axis=0)
        dvar = 0.5 * dstd / self.std
        dxc += (2.0 / self.batch_size) * self.xc * dvar
        dmu = np.sum(dxc, axis=0)
        dx = dxc - dmu / self.batch_size

        self.dgamma = dgamma
        self.dbeta = dbeta
        return dx


def conv2d(x, w, b, stride=1, pad=0):
    return Convolution(np.asarray(w, dtype=float), np.asarray(b, dtype=float), stride, pad).forward(
        np.asarray(x, dtype=float))


def conv2d_backward(dout, x, w, stride=1, pad=0):
    w = np.asarray(w, dtype=float)
    layer = Convolution(w, np.zeros(w.shape[0]), stride, pad)
    layer.forward(np.asarray(x, dtype=float))
    dx = layer.backward(np.asarray(dout, dtype=float))
    return dx, layer.dW, layer.db


def max_pool2d(x, size=2, stride=2):
    return Pooling(size, size, stride).forward(np.asarray(x, dtype=float))


def max_pool2d_backward(dout, x, size=2, stride=2):
    layer = Pooling(size, size, stride)
    layer.forward(np.asarray(x, dtype=float))
    return layer.backward(np.asarray(dout, dtype=float))


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    return BatchNormalization(np.asarray(gamma, dtype=float), np.asarray(beta, dtype=float), eps).forward(
        np.asarray(x, dtype=float))


def batchnorm_backward(dout, x, gamma, eps=1e-5):
    gamma = np.asarray(gamma, dtype=float)
    layer = BatchNormalization(gamma, np.zeros_like(gamma), eps)
    layer.forward(np.asarray(x, dtype=float))
    dx = layer.backward(np.asarray(dout, dtype=float))
    return dx, layer.dgamma, layer.dbeta
