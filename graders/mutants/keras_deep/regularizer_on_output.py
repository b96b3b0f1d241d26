"""The L2 regulariser sits on the output layer instead of the hidden Dense(128), whose
784 x 128 weights are the ones that overfit."""

from typing import Sequence

import keras

CAUGHT_BY = "test_regularized_mlp_regularizer"
MESSAGE = "belongs on the hidden layer Dense(128)"


def build_regularized_mlp(input_shape: Sequence[int] = (28, 28), num_classes: int = 10, dropout: float = 0.3,
                          l2: float = 1e-4) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=tuple(input_shape)),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.BatchNormalization(),
        keras.layers.Dropout(dropout),
        keras.layers.Dense(num_classes, activation="softmax", kernel_regularizer=keras.regularizers.L2(l2)),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
