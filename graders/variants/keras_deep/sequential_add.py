"""Sequential() then .add(...) for every model, layers given with keyword arguments, losses and
metrics by their short names ("mse", "mae", "acc"), and make_windows by fancy indexing."""

from typing import Sequence

import keras
import numpy as np
from numpy.typing import ArrayLike


def build_cnn_classifier(input_shape: Sequence[int] = (8, 8, 1), num_classes: int = 10) -> keras.Model:
    model = keras.Sequential()
    model.add(keras.Input(shape=input_shape))
    model.add(keras.layers.Conv2D(filters=16, kernel_size=3, padding="same", activation="relu"))
    model.add(keras.layers.MaxPooling2D(pool_size=2))
    model.add(keras.layers.Flatten())
    model.add(keras.layers.Dense(units=num_classes, activation="softmax"))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["acc"])
    return model


def train_digits_cnn(x_train: ArrayLike, y_train: ArrayLike) -> keras.Model:
    model = keras.Sequential()
    model.add(keras.Input(shape=(8, 8, 1)))
    model.add(keras.layers.Conv2D(32, 3, padding="same", activation="relu"))
    model.add(keras.layers.MaxPooling2D(2))
    model.add(keras.layers.Flatten())
    model.add(keras.layers.Dropout(0.2))
    model.add(keras.layers.Dense(10, activation="softmax"))
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.005), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(np.array(x_train, dtype="float32"), np.array(y_train), epochs=20, batch_size=128, verbose=0)
    return model


def build_regularized_mlp(input_shape: Sequence[int] = (28, 28), num_classes: int = 10, dropout: float = 0.3,
                          l2: float = 1e-4) -> keras.Model:
    model = keras.Sequential()
    model.add(keras.Input(shape=input_shape))
    model.add(keras.layers.Flatten())
    model.add(keras.layers.Dense(units=128, activation="relu", kernel_regularizer=keras.regularizers.L2(l2=l2)))
    model.add(keras.layers.BatchNormalization())
    model.add(keras.layers.Dropout(rate=dropout))
    model.add(keras.layers.Dense(units=num_classes, activation="softmax"))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def build_sequence_classifier(vocab_size: int, num_classes: int = 2, embed_dim: int = 16,
                              units: int = 32) -> keras.Model:
    model = keras.Sequential()
    model.add(keras.Input(shape=(None,)))
    model.add(keras.layers.Embedding(input_dim=vocab_size, output_dim=embed_dim))
    model.add(keras.layers.LSTM(units=units))
    model.add(keras.layers.Dense(units=num_classes, activation="softmax"))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def train_sequence_classifier(x_train: ArrayLike, y_train: ArrayLike, vocab_size: int) -> keras.Model:
    model = keras.Sequential()
    model.add(keras.Input(shape=(None,)))
    model.add(keras.layers.Embedding(vocab_size, 16))
    model.add(keras.layers.SimpleRNN(32))
    model.add(keras.layers.Dense(2, activation="softmax"))
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.005), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(np.array(x_train), np.array(y_train), epochs=10, batch_size=64, verbose=0)
    return model


def make_windows(series: ArrayLike, window: int, horizon: int = 1) -> tuple[np.ndarray, np.ndarray]:
    values = np.array(series, dtype=float)
    if min(window, horizon) < 1:
        raise ValueError("window and horizon must be positive")
    n = values.shape[0] - window - horizon + 1
    if n < 0:
        raise ValueError("series too short")
    starts = np.arange(n)
    X = values[starts[:, None] + np.arange(window)]
    y = values[starts + window + horizon - 1]
    return X.reshape(n, window), y


def build_forecaster(window: int, units: int = 32) -> keras.Model:
    model = keras.Sequential()
    model.add(keras.Input(shape=(window, 1)))
    model.add(keras.layers.LSTM(units))
    model.add(keras.layers.Dense(1))
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    return model


def train_forecaster(X_train: ArrayLike, y_train: ArrayLike) -> keras.Model:
    X = np.array(X_train, dtype="float32")
    model = keras.Sequential()
    model.add(keras.Input(shape=X.shape[1:]))
    model.add(keras.layers.LSTM(16))
    model.add(keras.layers.Dense(1))
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse", metrics=["mae"])
    model.fit(X, np.array(y_train, dtype="float32"), epochs=10, batch_size=64, verbose=0)
    return model
