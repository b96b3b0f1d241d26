"""Linear regression with ``Dense(1, activation="relu")``: every negative prediction
becomes 0, so the model is not linear."""

import keras

CAUGHT_BY = "test_linear_regression_model"
MESSAGE = "use the activations ['relu']; expected ['linear']"


def build_linear_regression() -> keras.Model:
    model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1, activation="relu")])
    model.compile(optimizer="sgd", loss="mse")
    return model
