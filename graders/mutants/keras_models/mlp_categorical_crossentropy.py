"""The classifier is compiled with categorical cross-entropy, the loss for one-hot
labels, while its labels are integers 0-9 (sparse categorical cross-entropy)."""

from typing import Sequence

import keras

CAUGHT_BY = "test_mlp_compile"
MESSAGE = "compiled with the loss categorical_crossentropy; expected sparse_categorical_crossentropy"


def build_mlp_classifier(input_shape: Sequence[int] = (28, 28), hidden_units: int = 100, activation: str = "relu",
                         num_classes: int = 10) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=tuple(input_shape)),
        keras.layers.Flatten(),
        keras.layers.Dense(hidden_units, activation=activation),
        keras.layers.Dense(num_classes, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    return model
