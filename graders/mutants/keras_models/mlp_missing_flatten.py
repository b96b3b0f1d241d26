"""The classifier has no Flatten layer, so each Dense layer works on the last axis of a
28x28 image: every row separately (2,900 parameters in the hidden layer instead of
78,500) and 28 x 10 outputs per image."""

from typing import Sequence

import keras

CAUGHT_BY = "test_mlp_layers"
MESSAGE = "Add keras.layers.Flatten() before the first Dense layer"


def build_mlp_classifier(input_shape: Sequence[int] = (28, 28), hidden_units: int = 100, activation: str = "relu",
                         num_classes: int = 10) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=tuple(input_shape)),
        keras.layers.Dense(hidden_units, activation=activation),
        keras.layers.Dense(num_classes, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
