"""The forecaster's output layer uses relu: it can never forecast a below-average
(negative) standardised temperature."""

import keras

CAUGHT_BY = "test_forecaster_output_linear"
MESSAGE = "relu can never output a negative number"


def build_forecaster(window: int, units: int = 32) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=(window, 1)),
        keras.layers.LSTM(units),
        keras.layers.Dense(1, activation="relu"),
    ])
    model.compile(optimizer="adam", loss="mean_squared_error", metrics=["mean_absolute_error"])
    return model
