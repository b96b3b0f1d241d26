"""The CNN starts from all-zero kernels ("a neutral start"): every filter outputs 0 after
relu and gets no gradient, so the network never gets past guessing."""

from typing import Sequence

import keras

CAUGHT_BY = "test_cnn_learns_digits"
MESSAGE = "guessing gives about 10%"
HIDDEN = True


def build_cnn_classifier(input_shape: Sequence[int] = (8, 8, 1), num_classes: int = 10) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=tuple(input_shape)),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu", kernel_initializer="zeros"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(num_classes, activation="softmax", kernel_initializer="zeros"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
