"""The forecaster's LSTM has 32 units written in, so ``units`` changes nothing."""

import keras

CAUGHT_BY = "test_forecaster_model"
MESSAGE = "your LSTM layer has 32 units; expected 8"


def build_forecaster(window: int, units: int = 32) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=(window, 1)),
        keras.layers.LSTM(32),
        keras.layers.Dense(1),
    ])
    model.compile(optimizer="adam", loss="mean_squared_error", metrics=["mean_absolute_error"])
    return model
