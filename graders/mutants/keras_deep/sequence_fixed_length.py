"""The sequence classifier takes sequences of exactly 12 tokens, the training data's
length, instead of any length (``keras.Input(shape=(None,))``)."""

import keras

CAUGHT_BY = "test_sequence_classifier_layers"
MESSAGE = "of any length (None)"


def build_sequence_classifier(vocab_size: int, num_classes: int = 2, embed_dim: int = 16,
                              units: int = 32) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=(12,), dtype="int32"),
        keras.layers.Embedding(vocab_size, embed_dim),
        keras.layers.LSTM(units),
        keras.layers.Dense(num_classes, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
