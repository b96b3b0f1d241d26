"""The regressor starts from all-zero weights ("a neutral start"): every hidden unit
computes the same thing, and relu units with zero weights get zero gradients, so the
network never learns more than the mean."""

import keras

CAUGHT_BY = "test_regressor_learns_auto_mpg"
MESSAGE = "always predicting the mean"
HIDDEN = True


def build_regressor(num_features: int) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=(num_features,)),
        keras.layers.Dense(64, activation="relu", kernel_initializer="zeros"),
        keras.layers.Dense(64, activation="relu", kernel_initializer="zeros"),
        keras.layers.Dense(1, kernel_initializer="zeros"),
    ])
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.001), loss="mse", metrics=["mae"])
    return model
