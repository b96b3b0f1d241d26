"""The LSTM returns its whole sequence of hidden states (``return_sequences=True``), so
the Dense layer scores every time step: (n, T, classes) instead of (n, classes)."""

import keras

CAUGHT_BY = "test_sequence_classifier_lstm"
MESSAGE = "returns its whole sequence of hidden states (return_sequences=True)"


def build_sequence_classifier(vocab_size: int, num_classes: int = 2, embed_dim: int = 16,
                              units: int = 32) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=(None,), dtype="int32"),
        keras.layers.Embedding(vocab_size, embed_dim),
        keras.layers.LSTM(units, return_sequences=True),
        keras.layers.Dense(num_classes, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
