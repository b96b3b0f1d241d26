"""Returns an ``ndarray`` subclass holding wrong values whose comparisons, ``all``,
``allclose`` support and ufuncs all claim agreement."""

import numpy as np

EXERCISE = "activations"
ATTACKED = ("test_relu_grad",)  # test_inputs_unchanged passes: the input is left alone
WHY = "an isinstance(ndarray) check passes and the subclass hijacks ==, np.allclose and np.isclose"


class Agreeing(np.ndarray):
    def __eq__(self, other):
        return np.ones(self.shape, dtype=bool)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        if ufunc in (np.equal, np.isclose, np.less_equal, np.less, np.greater_equal):
            return np.ones(np.shape(inputs[0]), dtype=bool)
        if ufunc in (np.subtract, np.absolute):
            return np.zeros(np.shape(inputs[0]))
        return super().__array_ufunc__(ufunc, method, *(np.asarray(i) for i in inputs), **kwargs)

    def __array_function__(self, func, types, args, kwargs):
        if func in (np.allclose, np.array_equal, np.all):
            return True
        return super().__array_function__(func, types, args, kwargs)


def relu_grad(x):
    return np.full(np.shape(x), 7.0).view(Agreeing)
