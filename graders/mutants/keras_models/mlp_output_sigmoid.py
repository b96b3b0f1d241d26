"""The classifier's output layer uses a sigmoid instead of softmax: ten independent
numbers in (0, 1) that do not sum to 1, not a probability distribution over the classes."""

from typing import Sequence

import keras

CAUGHT_BY = "test_mlp_activations"
MESSAGE = "The output layer needs activation='softmax', not sigmoid"


def build_mlp_classifier(input_shape: Sequence[int] = (28, 28), hidden_units: int = 100, activation: str = "relu",
                         num_classes: int = 10) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=tuple(input_shape)),
        keras.layers.Flatten(),
        keras.layers.Dense(hidden_units, activation=activation),
        keras.layers.Dense(num_classes, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
