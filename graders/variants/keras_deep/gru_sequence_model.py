"""A GRU sequence classifier with other hyperparameters (embedding of 8, 24 units, batches of 32);
the other models from lists of layers through one helper, activations given as functions
(keras.activations.relu), the L2 factor as keras.regularizers.L1L2(l2=...), a GRU forecaster,
a deeper CNN, and make_windows by np.stack over slices."""

from typing import Sequence

import keras
import numpy as np
from numpy.typing import ArrayLike


def _model(input_shape, layers, *, loss="sparse_categorical_crossentropy", metrics=("accuracy",),
           optimizer=None, input_dtype=None) -> keras.Model:
    """A Sequential model of ``layers`` after keras.Input, compiled."""
    model = keras.Sequential([keras.Input(shape=tuple(input_shape), dtype=input_dtype), *layers])
    model.compile(optimizer=optimizer or keras.optimizers.Adam(), loss=loss, metrics=list(metrics))
    return model


def build_cnn_classifier(input_shape: Sequence[int] = (8, 8, 1), num_classes: int = 10) -> keras.Model:
    return _model(input_shape, [
        keras.layers.Conv2D(16, (3, 3), padding="same", activation=keras.activations.relu),
        keras.layers.MaxPooling2D((2, 2)),
        keras.layers.Flatten(),
        keras.layers.Dense(num_classes, activation=keras.activations.softmax),
    ])


def train_digits_cnn(x_train: ArrayLike, y_train: ArrayLike) -> keras.Model:
    model = _model((8, 8, 1), [
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ], optimizer=keras.optimizers.Adam(learning_rate=0.003))
    model.fit(np.asarray(x_train, dtype=np.float32), np.asarray(y_train), epochs=10, batch_size=64, verbose=0)
    return model


def build_regularized_mlp(input_shape: Sequence[int] = (28, 28), num_classes: int = 10, dropout: float = 0.3,
                          l2: float = 1e-4) -> keras.Model:
    return _model(input_shape, [
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation=keras.activations.relu,
                           kernel_regularizer=keras.regularizers.L1L2(l2=l2)),
        keras.layers.BatchNormalization(),
        keras.layers.Dropout(dropout),
        keras.layers.Dense(num_classes, activation=keras.activations.softmax),
    ])


def build_sequence_classifier(vocab_size: int, num_classes: int = 2, embed_dim: int = 16,
                              units: int = 32) -> keras.Model:
    return _model((None,), [
        keras.layers.Embedding(vocab_size, embed_dim),
        keras.layers.LSTM(units),
        keras.layers.Dense(num_classes, activation=keras.activations.softmax),
    ], input_dtype="int32")


def train_sequence_classifier(x_train: ArrayLike, y_train: ArrayLike, vocab_size: int) -> keras.Model:
    model = _model((None,), [
        keras.layers.Embedding(vocab_size, 8),
        keras.layers.GRU(24),
        keras.layers.Dense(2, activation="softmax"),
    ], optimizer=keras.optimizers.Adam(learning_rate=0.005), input_dtype="int32")
    model.fit(np.asarray(x_train), np.asarray(y_train), epochs=4, batch_size=32, verbose=0)
    return model


def make_windows(series: ArrayLike, window: int, horizon: int = 1) -> tuple[np.ndarray, np.ndarray]:
    values = np.asarray(series, dtype=np.float64)
    if window < 1 or horizon < 1:
        raise ValueError("window and horizon must be at least 1")
    n = len(values) - window - horizon + 1
    if n < 0:
        raise ValueError("the series is shorter than one window and its horizon")
    X = np.stack([values[start:start + n] for start in range(window)], axis=1)  # column j: series[j : j + n]
    return X, values[window + horizon - 1:window + horizon - 1 + n].copy()


def build_forecaster(window: int, units: int = 32) -> keras.Model:
    return _model((window, 1), [keras.layers.LSTM(units), keras.layers.Dense(1)],
                  loss="mean_squared_error", metrics=("mean_absolute_error",))


def train_forecaster(X_train: ArrayLike, y_train: ArrayLike) -> keras.Model:
    X = np.asarray(X_train, dtype=np.float32)
    model = _model((X.shape[1], 1), [keras.layers.GRU(16), keras.layers.Dense(1)], loss="mean_squared_error",
                   metrics=("mean_absolute_error",), optimizer=keras.optimizers.Adam(learning_rate=0.01))
    model.fit(X.reshape(len(X), -1, 1), np.asarray(y_train, dtype=np.float32), epochs=8, batch_size=64, verbose=0)
    return model
