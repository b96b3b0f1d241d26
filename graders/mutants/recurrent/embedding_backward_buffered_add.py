"""``dW[ids] += dout`` adds through fancy indexing, which writes each row back once: a
repeated id keeps only its last ``dout`` row instead of the sum of all of them."""

import numpy as np

CAUGHT_BY = "test_embedding_backward_repeated_ids"
MESSAGE = "np.add.at(dW, ids, dout)"


def embedding_backward(dout, ids, vocab_size):
    dout = np.asarray(dout, dtype=np.float64)
    dW = np.zeros((vocab_size, dout.shape[-1]))
    dW[np.asarray(ids)] += dout
    return dW
