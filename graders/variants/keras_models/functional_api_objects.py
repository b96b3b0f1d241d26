"""The functional API (keras.Model(inputs, outputs)), optimizers, losses and metrics as
objects, and a digits classifier trained on one-hot labels with categorical
cross-entropy and a Dropout layer."""

from typing import Sequence

import keras
import numpy as np
from numpy.typing import ArrayLike


def build_linear_regression() -> keras.Model:
    x = keras.Input(shape=(1,), name="x")
    y = keras.layers.Dense(1, name="w_x_plus_b")(x)
    model = keras.Model(inputs=x, outputs=y, name="linear_regression")
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01), loss=keras.losses.MeanSquaredError())
    return model


def build_mlp_classifier(input_shape: Sequence[int] = (28, 28), hidden_units: int = 100, activation: str = "relu",
                         num_classes: int = 10) -> keras.Model:
    inputs = keras.Input(shape=tuple(input_shape))
    h = keras.layers.Flatten()(inputs)
    h = keras.layers.Dense(hidden_units, activation=activation, name="hidden")(h)
    outputs = keras.layers.Dense(num_classes, activation="softmax", name="output")(h)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
                  loss=keras.losses.SparseCategoricalCrossentropy(),
                  metrics=[keras.metrics.SparseCategoricalAccuracy()])
    return model


def build_regressor(num_features: int) -> keras.Model:
    inputs = keras.Input(shape=(num_features,))
    h = keras.layers.Dense(64, activation="relu")(inputs)
    h = keras.layers.Dense(64, activation="relu")(h)
    outputs = keras.layers.Dense(1, activation=None)(h)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=1e-3), loss=keras.losses.MeanSquaredError(),
                  metrics=[keras.metrics.MeanAbsoluteError()])
    return model


def train_digits_classifier(x_train: ArrayLike, y_train: ArrayLike) -> keras.Model:
    x = np.asarray(x_train, dtype=np.float32)
    y = keras.utils.to_categorical(np.asarray(y_train), num_classes=10)  # one-hot rows
    inputs = keras.Input(shape=(8, 8))
    h = keras.layers.Flatten()(inputs)
    h = keras.layers.Dense(128, activation="relu")(h)
    h = keras.layers.Dropout(0.2)(h)
    outputs = keras.layers.Dense(10, activation="softmax")(h)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.005),
                  loss=keras.losses.CategoricalCrossentropy(), metrics=["accuracy"])
    model.fit(x, y, epochs=25, batch_size=32, verbose=0)
    return model
