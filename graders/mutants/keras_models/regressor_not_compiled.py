"""The regressor is built but ``model.compile(...)`` is forgotten: it has no
optimizer, loss or metrics."""

import keras

CAUGHT_BY = "test_regressor_compile"
MESSAGE = "your model is not compiled"


def build_regressor(num_features: int) -> keras.Model:
    return keras.Sequential([
        keras.Input(shape=(num_features,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1),
    ])
