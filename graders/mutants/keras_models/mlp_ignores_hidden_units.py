"""The hidden layer has 100 units written in, copied from the MNIST example, so the
``hidden_units`` argument changes nothing (the defaults still look right)."""

from typing import Sequence

import keras

CAUGHT_BY = "test_mlp_other_arguments"
MESSAGE = "have [100, 5] units; expected [32, 5]"


def build_mlp_classifier(input_shape: Sequence[int] = (28, 28), hidden_units: int = 100, activation: str = "relu",
                         num_classes: int = 10) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=tuple(input_shape)),
        keras.layers.Flatten(),
        keras.layers.Dense(100, activation=activation),
        keras.layers.Dense(num_classes, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
