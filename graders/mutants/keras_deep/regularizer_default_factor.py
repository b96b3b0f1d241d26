"""The regulariser is given by name, ``kernel_regularizer="l2"``: Keras' default factor
0.01, a hundred times the contract's, and the ``l2`` argument is never used."""

from typing import Sequence

import keras

CAUGHT_BY = "test_regularized_mlp_regularizer"
MESSAGE = "use Keras' default factor 0.01"


def build_regularized_mlp(input_shape: Sequence[int] = (28, 28), num_classes: int = 10, dropout: float = 0.3,
                          l2: float = 1e-4) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=tuple(input_shape)),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu", kernel_regularizer="l2"),
        keras.layers.BatchNormalization(),
        keras.layers.Dropout(dropout),
        keras.layers.Dense(num_classes, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
