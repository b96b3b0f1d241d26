"""The digits classifier is compiled with categorical cross-entropy and trained on the
integer labels: Keras stops with a ValueError, since that loss expects one-hot rows."""

import keras
import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_digits_held_out_accuracy"
MESSAGE = "must have the same rank"


def train_digits_classifier(x_train: ArrayLike, y_train: ArrayLike) -> keras.Model:
    model = build_mlp_classifier(input_shape=(8, 8), hidden_units=64)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(np.asarray(x_train), np.asarray(y_train), epochs=20, batch_size=32, verbose=0)
    return model
