"""The digits classifier rescales its input with a ``Lambda`` layer: it trains well in
the learner's process, but the grader accepts built-in layers only and never runs a
model's own code."""

import keras
import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_digits_held_out_accuracy"
MESSAGE = "is a Lambda layer"


def train_digits_classifier(x_train: ArrayLike, y_train: ArrayLike) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=(8, 8)),
        keras.layers.Lambda(lambda x: x * 2.0 - 1.0),  # pixels from [0, 1] to [-1, 1]
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(np.asarray(x_train), np.asarray(y_train), epochs=20, batch_size=32, verbose=0)
    return model
