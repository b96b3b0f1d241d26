"""The digits are classified by a Dense-only network (Flatten, Dense, Dense): it reaches
about 97%, but the contract asks for a convolutional network."""

import keras
import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_digits_cnn_held_out_accuracy"
MESSAGE = "has no Conv2D layer"


def train_digits_cnn(x_train: ArrayLike, y_train: ArrayLike) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=(8, 8, 1)),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(np.asarray(x_train), np.asarray(y_train), epochs=12, batch_size=64, verbose=0)
    return model
