"""BatchNormalization comes after Dropout, so it learns its statistics from outputs
with units dropped and sees other values at inference."""

from typing import Sequence

import keras

CAUGHT_BY = "test_regularized_mlp_layers"
MESSAGE = "Put BatchNormalization right after Dense(128)"


def build_regularized_mlp(input_shape: Sequence[int] = (28, 28), num_classes: int = 10, dropout: float = 0.3,
                          l2: float = 1e-4) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=tuple(input_shape)),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu", kernel_regularizer=keras.regularizers.L2(l2)),
        keras.layers.Dropout(dropout),
        keras.layers.BatchNormalization(),
        keras.layers.Dense(num_classes, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
