"""Monkeypatches NumPy's comparisons (``allclose``, ``isclose``, ``array_equal``,
``testing.assert_allclose`` and friends) to always agree, at import, then returns wrong
values."""

import numpy as np
import numpy.testing

EXERCISE = "activations"
ATTACKED = ("test_relu_grad",)
WHY = "make every comparison agree, as in graders that compare in the learner's process"

np.allclose = lambda *a, **k: True
np.isclose = lambda a, b, *r, **k: np.ones(np.broadcast(a, b).shape, dtype=bool)
np.array_equal = lambda *a, **k: True
np.testing.assert_allclose = lambda *a, **k: None
np.testing.assert_array_equal = lambda *a, **k: None
np.testing.assert_array_almost_equal = lambda *a, **k: None


def relu_grad(x):
    return np.full(np.shape(x), 0.5)
