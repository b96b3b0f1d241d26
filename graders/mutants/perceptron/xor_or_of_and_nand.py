"""XOR combines the right first-layer gates the wrong way round,
``OR(AND(x1, x2), NAND(x1, x2))``, which is 1 for every input."""

import numpy as np
from numpy.typing import ArrayLike, NDArray

CAUGHT_BY = "test_xor_truth_table"
MESSAGE = 'your function returned 1; expected 0.'


def XOR(x1: ArrayLike, x2: ArrayLike) -> NDArray[np.int64]:
    return OR(AND(x1, x2), NAND(x1, x2))
