"""The regressor's output layer has a softmax, copied from a classifier: softmax of a
single number is always 1.0, so the model predicts 1.0 for every input."""

import keras

CAUGHT_BY = "test_regressor_output_has_no_activation"
MESSAGE = "softmax of a single output is always exactly 1.0"


def build_regressor(num_features: int) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=(num_features,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.001), loss="mse", metrics=["mae"])
    return model
