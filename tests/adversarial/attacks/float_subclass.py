"""A loss that returns a ``float`` subclass holding a wrong value but comparing equal and
close to everything, so that isinstance(result, float) holds."""

EXERCISE = "losses"
ATTACKED = ("test_mse_values",)  # test_inputs_unchanged passes: the input is left alone
WHY = "pass an isinstance(float) check and then every comparison with a subclass that always agrees"


class Agreeing(float):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __sub__(self, other):
        return Agreeing(0.0)

    __rsub__ = __sub__

    def __abs__(self):
        return Agreeing(0.0)

    __hash__ = float.__hash__


def mean_squared_error(y_true, y_pred):
    return Agreeing(123.0)
