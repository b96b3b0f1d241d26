"""A loss that returns an object whose ``__float__`` lies (0.0), which equals anything and
whose difference with anything is zero."""

EXERCISE = "losses"
ATTACKED = ("test_mse_values", "test_inputs_unchanged")
WHY = "a grader that checks abs(result - expected) < tol or float(result) == expected is fooled"


class Zero:
    def __float__(self):
        return 0.0

    def __eq__(self, other):
        return True

    def __sub__(self, other):
        return 0.0

    __rsub__ = __sub__

    def __abs__(self):
        return 0.0

    def __lt__(self, other):
        return True

    __le__ = __lt__
    __hash__ = object.__hash__


def mean_squared_error(y_true, y_pred):
    return Zero()
