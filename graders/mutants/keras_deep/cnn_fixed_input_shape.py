"""The CNN writes in the digits' shape ``(8, 8, 1)`` instead of using ``input_shape``:
right for the defaults, wrong for any other image size."""

from typing import Sequence

import keras

CAUGHT_BY = "test_cnn_other_arguments"
MESSAGE = "takes inputs of shape (None, 8, 8, 1); expected (None, 10, 10, 2)"


def build_cnn_classifier(input_shape: Sequence[int] = (8, 8, 1), num_classes: int = 10) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=(8, 8, 1)),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(num_classes, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
