"""The Embedding has ``vocab_size - 1`` rows ("the largest id is vocab_size - 1"), so the
largest token id has no row."""

import keras

CAUGHT_BY = "test_sequence_classifier_embedding"
MESSAGE = "ids up to vocab_size - 1 need input_dim = vocab_size"


def build_sequence_classifier(vocab_size: int, num_classes: int = 2, embed_dim: int = 16,
                              units: int = 32) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=(None,), dtype="int32"),
        keras.layers.Embedding(vocab_size - 1, embed_dim),
        keras.layers.LSTM(units),
        keras.layers.Dense(num_classes, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
