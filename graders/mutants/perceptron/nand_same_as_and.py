"""NAND is given AND's weights and bias, as if "not" needed no change of sign,
so NAND computes AND."""

import numpy as np

CAUGHT_BY = "test_gates_table"
MESSAGE = 'elements differ'

GATES = {
    "AND": (np.array([0.5, 0.5]), -0.7),
    "NAND": (np.array([0.5, 0.5]), -0.7),
    "OR": (np.array([0.5, 0.5]), -0.2),
}
