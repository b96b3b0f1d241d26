"""Layers made in a loop, keras.layers.InputLayer, activation functions as objects, SGD
with momentum, and a digits classifier whose output layer gives logits (no softmax),
trained with from_logits=True: its scores rank the classes all the same."""

from __future__ import annotations

from typing import Sequence

import keras
import numpy as np
from numpy.typing import ArrayLike


def _stack(input_shape: tuple[int, ...], *layers: keras.layers.Layer) -> keras.Sequential:
    model = keras.Sequential([keras.layers.InputLayer(shape=input_shape)])
    for layer in layers:
        model.add(layer)
    return model


def build_linear_regression() -> keras.Model:
    model = _stack((1,), keras.layers.Dense(units=1, use_bias=True))
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05, momentum=0.9), loss="mean_squared_error")
    return model


def build_mlp_classifier(input_shape: Sequence[int] = (28, 28), hidden_units: int = 100, activation: str = "relu",
                         num_classes: int = 10) -> keras.Model:
    model = _stack(tuple(int(d) for d in input_shape),
                   keras.layers.Flatten(),
                   keras.layers.Dense(units=hidden_units, activation=keras.activations.get(activation)),
                   keras.layers.Dense(units=num_classes, activation=keras.activations.softmax))
    model.compile(optimizer="Adam", loss="SparseCategoricalCrossentropy", metrics=["accuracy"])
    return model


def build_regressor(num_features: int) -> keras.Model:
    layers = [keras.layers.Dense(64, activation=keras.activations.relu) for _ in range(2)]
    model = _stack((num_features,), *layers, keras.layers.Dense(1, activation="linear"))
    model.compile(optimizer=keras.optimizers.RMSprop(), loss=keras.losses.MeanSquaredError(),
                  metrics=[keras.metrics.MeanAbsoluteError(name="mae")])
    return model


def train_digits_classifier(x_train: ArrayLike, y_train: ArrayLike) -> keras.Model:
    x = np.array(x_train, dtype=np.float64)
    y = np.array(y_train).astype(np.int32)
    model = _stack((8, 8), keras.layers.Flatten(), keras.layers.Dense(48, activation="tanh"), keras.layers.Dense(10))
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
    model.fit(x, y, epochs=30, batch_size=64, shuffle=True, verbose=0)
    return model
