"""The CNN adds a hidden ``Dense(64, relu)`` before the output layer, as many tutorials
do: not the contract's model (and 16,330 more parameters)."""

from typing import Sequence

import keras

CAUGHT_BY = "test_cnn_layers"
MESSAGE = "no hidden Dense layer"


def build_cnn_classifier(input_shape: Sequence[int] = (8, 8, 1), num_classes: int = 10) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=tuple(input_shape)),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(num_classes, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
