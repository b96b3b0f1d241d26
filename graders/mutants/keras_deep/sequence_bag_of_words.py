"""The sequence classifier averages the token embeddings (Embedding,
GlobalAveragePooling1D, Dense): a bag of words that cannot see which marker comes first,
so it is right about half the time."""

import keras
import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_sequence_held_out_accuracy"
MESSAGE = "a bag of words"


def train_sequence_classifier(x_train: ArrayLike, y_train: ArrayLike, vocab_size: int) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=(None,), dtype="int32"),
        keras.layers.Embedding(vocab_size, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(np.asarray(x_train), np.asarray(y_train), epochs=5, batch_size=64, verbose=0)
    return model
