"""The CNN is compiled with categorical cross-entropy, the loss for one-hot labels, while
its labels are integers (sparse categorical cross-entropy)."""

from typing import Sequence

import keras

CAUGHT_BY = "test_cnn_compile"
MESSAGE = "The labels are integers, not one-hot rows"


def build_cnn_classifier(input_shape: Sequence[int] = (8, 8, 1), num_classes: int = 10) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=tuple(input_shape)),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(num_classes, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    return model
