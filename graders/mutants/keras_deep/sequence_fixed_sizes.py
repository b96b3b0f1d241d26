"""The LSTM keeps 32 units written in, copied from the defaults, so the ``units``
argument changes nothing."""

import keras

CAUGHT_BY = "test_sequence_classifier_other_arguments"
MESSAGE = "your LSTM layer has 32 units; expected 10"


def build_sequence_classifier(vocab_size: int, num_classes: int = 2, embed_dim: int = 16,
                              units: int = 32) -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=(None,), dtype="int32"),
        keras.layers.Embedding(vocab_size, embed_dim),
        keras.layers.LSTM(32),
        keras.layers.Dense(num_classes, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
