"""Written for 1-D ids only: the embedding size is read as ``dout.shape[1]``, which for
``(N, T)`` ids and ``(N, T, D)`` gradients is ``T``, so ``np.add.at`` fails on the shapes."""

import numpy as np

CAUGHT_BY = "test_embedding_backward_2d_ids"
MESSAGE = "take D from dout.shape[-1]"


def embedding_backward(dout, ids, vocab_size):
    dout = np.asarray(dout, dtype=np.float64)
    dW = np.zeros((vocab_size, dout.shape[1]))
    np.add.at(dW, ids, dout)
    return dW
