"""Dropout is put right after Flatten, before the first Dense layer: it drops input
pixels instead of hidden units."""

from typing import Sequence

import keras

CAUGHT_BY = "test_regularized_mlp_layers"
MESSAGE = "Before the first Dense it would drop input"


def build_regularized_mlp(input_shape: Sequence[int] = (28, 28), num_classes: int = 10, dropout: float = 0.3,
                          l2: float = 1e-4) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=tuple(input_shape)),
        keras.layers.Flatten(),
        keras.layers.Dropout(dropout),
        keras.layers.Dense(128, activation="relu", kernel_regularizer=keras.regularizers.L2(l2)),
        keras.layers.BatchNormalization(),
        keras.layers.Dense(num_classes, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
