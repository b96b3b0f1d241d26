"""The functional API (keras.Model(inputs, outputs)) everywhere, with optimizers, losses and
metrics as objects; the CNN is trained on one-hot labels with categorical cross-entropy, and
make_windows is a plain loop."""

from typing import Sequence

import keras
import numpy as np
from numpy.typing import ArrayLike


def _classifier_compile(model: keras.Model, learning_rate: float = 1e-3) -> keras.Model:
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
                  loss=keras.losses.SparseCategoricalCrossentropy(),
                  metrics=[keras.metrics.SparseCategoricalAccuracy()])
    return model


def build_cnn_classifier(input_shape: Sequence[int] = (8, 8, 1), num_classes: int = 10) -> keras.Model:
    images = keras.Input(shape=tuple(input_shape), name="images")
    maps = keras.layers.Conv2D(filters=16, kernel_size=(3, 3), strides=(1, 1), padding="same",
                               activation="relu", name="conv")(images)
    pooled = keras.layers.MaxPooling2D(pool_size=(2, 2), name="pool")(maps)
    flat = keras.layers.Flatten(name="flatten")(pooled)
    probabilities = keras.layers.Dense(num_classes, activation="softmax", name="classes")(flat)
    return _classifier_compile(keras.Model(images, probabilities, name="cnn"))


def train_digits_cnn(x_train: ArrayLike, y_train: ArrayLike) -> keras.Model:
    x = np.asarray(x_train, dtype=np.float32)
    one_hot = keras.utils.to_categorical(np.asarray(y_train), num_classes=10)
    images = keras.Input(shape=x.shape[1:])
    h = keras.layers.Conv2D(16, (3, 3), padding="same", activation="relu")(images)
    h = keras.layers.MaxPooling2D((2, 2))(h)
    h = keras.layers.Flatten()(h)
    outputs = keras.layers.Dense(10, activation="softmax")(h)
    model = keras.Model(inputs=images, outputs=outputs)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01),
                  loss=keras.losses.CategoricalCrossentropy(), metrics=[keras.metrics.CategoricalAccuracy()])
    model.fit(x, one_hot, epochs=15, batch_size=128, verbose=0)
    return model


def build_regularized_mlp(input_shape: Sequence[int] = (28, 28), num_classes: int = 10, dropout: float = 0.3,
                          l2: float = 1e-4) -> keras.Model:
    inputs = keras.Input(shape=tuple(input_shape))
    h = keras.layers.Flatten()(inputs)
    h = keras.layers.Dense(128, activation="relu", kernel_regularizer=keras.regularizers.l2(l2))(h)
    h = keras.layers.BatchNormalization()(h)
    h = keras.layers.Dropout(rate=dropout)(h)
    outputs = keras.layers.Dense(num_classes, activation="softmax")(h)
    return _classifier_compile(keras.Model(inputs, outputs))


def build_sequence_classifier(vocab_size: int, num_classes: int = 2, embed_dim: int = 16,
                              units: int = 32) -> keras.Model:
    tokens = keras.Input(shape=(None,), dtype="int64", name="tokens")
    vectors = keras.layers.Embedding(input_dim=vocab_size, output_dim=embed_dim)(tokens)
    state = keras.layers.LSTM(units=units)(vectors)
    outputs = keras.layers.Dense(num_classes, activation="softmax")(state)
    return _classifier_compile(keras.Model(tokens, outputs))


def train_sequence_classifier(x_train: ArrayLike, y_train: ArrayLike, vocab_size: int) -> keras.Model:
    model = build_sequence_classifier(vocab_size, embed_dim=8, units=32)
    _classifier_compile(model, learning_rate=0.01)
    model.fit(np.asarray(x_train), np.asarray(y_train), epochs=8, batch_size=128, verbose=0)
    return model


def make_windows(series: ArrayLike, window: int, horizon: int = 1) -> tuple[np.ndarray, np.ndarray]:
    values = np.asarray(series, dtype=np.float64)
    if window < 1 or horizon < 1:
        raise ValueError("window and horizon must be at least 1")
    n = len(values) - window - horizon + 1
    if n < 0:
        raise ValueError("the series is too short for one window")
    X = np.empty((n, window))
    y = np.empty(n)
    for t in range(n):
        X[t] = values[t:t + window]
        y[t] = values[t + window + horizon - 1]
    return X, y


def build_forecaster(window: int, units: int = 32) -> keras.Model:
    days = keras.Input(shape=(window, 1))
    state = keras.layers.LSTM(units)(days)
    forecast = keras.layers.Dense(1, activation=None)(state)
    model = keras.Model(days, forecast)
    model.compile(optimizer=keras.optimizers.Adam(), loss=keras.losses.MeanSquaredError(),
                  metrics=[keras.metrics.MeanAbsoluteError()])
    return model


def train_forecaster(X_train: ArrayLike, y_train: ArrayLike) -> keras.Model:
    X = np.asarray(X_train, dtype=np.float32)
    y = np.asarray(y_train, dtype=np.float32)
    model = build_forecaster(X.shape[1], units=24)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.005), loss=keras.losses.MeanSquaredError(),
                  metrics=[keras.metrics.MeanAbsoluteError()])
    model.fit(X, y, epochs=12, batch_size=64, verbose=0)
    return model
