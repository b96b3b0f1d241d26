"""The CNN puts its Dense layer straight on the pooled feature maps, without Flatten:
Dense then scores each of the 4x4 positions separately, (4, 4, 10) scores per image."""

from typing import Sequence

import keras

CAUGHT_BY = "test_cnn_layers"
MESSAGE = "Add keras.layers.Flatten() between MaxPooling2D and Dense"


def build_cnn_classifier(input_shape: Sequence[int] = (8, 8, 1), num_classes: int = 10) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=tuple(input_shape)),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Dense(num_classes, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
