"""The labels are shuffled separately from the sequences ("shuffle the training data"),
so the pairs no longer match and the model learns nothing."""

import keras
import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_sequence_held_out_accuracy"
MESSAGE = "held-out sequences correctly; at least 90% is needed"


def train_sequence_classifier(x_train: ArrayLike, y_train: ArrayLike, vocab_size: int) -> keras.Model:
    x = np.array(x_train)
    y = np.array(y_train)
    np.random.default_rng(0).shuffle(x)
    np.random.default_rng(1).shuffle(y)
    model = build_sequence_classifier(vocab_size)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x, y, epochs=5, batch_size=64, verbose=0)
    return model
