"""The CNN's output layer has no activation: it outputs raw scores (logits) while the
loss expects probabilities that sum to 1."""

from typing import Sequence

import keras

CAUGHT_BY = "test_cnn_output_softmax"
MESSAGE = "outputs raw scores (logits)"


def build_cnn_classifier(input_shape: Sequence[int] = (8, 8, 1), num_classes: int = 10) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=tuple(input_shape)),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(num_classes),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
