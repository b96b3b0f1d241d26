"""The regressor's RMSprop optimizer gets a learning rate of 0.01, ten times the
contract's 0.001 (Keras' default)."""

import keras

CAUGHT_BY = "test_regressor_compile"
MESSAGE = "your optimizer's learning rate is 0.01; expected 0.001"


def build_regressor(num_features: int) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=(num_features,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.01), loss="mse", metrics=["mae"])
    return model
