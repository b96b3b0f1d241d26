"""Linear regression without ``keras.Input``: the Sequential model is never built, so it
has no input shape and no weights when it is returned."""

import keras

CAUGHT_BY = "test_linear_regression_model"
MESSAGE = "it was never built"


def build_linear_regression() -> keras.Model:
    model = keras.Sequential([keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    return model
