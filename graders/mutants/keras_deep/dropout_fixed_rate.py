"""The Dropout rate 0.3 is written in, so the ``dropout`` argument changes nothing (the
defaults still look right)."""

from typing import Sequence

import keras

CAUGHT_BY = "test_regularized_mlp_other_arguments"
MESSAGE = "called with dropout=0.5, your Dropout layer drops 0.3"


def build_regularized_mlp(input_shape: Sequence[int] = (28, 28), num_classes: int = 10, dropout: float = 0.3,
                          l2: float = 1e-4) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=tuple(input_shape)),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu", kernel_regularizer=keras.regularizers.L2(l2)),
        keras.layers.BatchNormalization(),
        keras.layers.Dropout(0.3),
        keras.layers.Dense(num_classes, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
