"""The convolution keeps Keras' default ``padding="valid"``: the 8x8 maps shrink to 6x6,
pooling makes them 3x3, and the output layer has 1,450 parameters instead of 2,570."""

from typing import Sequence

import keras

CAUGHT_BY = "test_cnn_parameters"
MESSAGE = "the 8x8 maps shrink to 6x6"


def build_cnn_classifier(input_shape: Sequence[int] = (8, 8, 1), num_classes: int = 10) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=tuple(input_shape)),
        keras.layers.Conv2D(16, 3, activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(num_classes, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
