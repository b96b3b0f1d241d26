"""conv2d builds ``out`` as (N, F, OH, OW) with a loop over the kernel offsets and adds
``b`` as it is: NumPy broadcasts it along the last axis (the width), not the filters."""

import numpy as np

CAUGHT_BY = "test_conv2d_values"
MESSAGE = "add the bias along axis 1"


def conv2d(x, w, b, stride=1, pad=0):
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    N, _, H, W = x.shape
    F, _, kh, kw = w.shape
    OH, OW = conv_output_size(H, kh, stride, pad), conv_output_size(W, kw, stride, pad)
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.zeros((N, F, OH, OW))
    for ki in range(kh):
        for kj in range(kw):
            patch = xp[:, :, ki:ki + stride * OH:stride, kj:kj + stride * OW:stride]
            out += np.einsum("nchw,fc->nfhw", patch, w[:, :, ki, kj])
    return out + b
