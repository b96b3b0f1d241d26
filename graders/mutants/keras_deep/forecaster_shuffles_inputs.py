"""The forecaster shuffles the caller's windows and targets in place (together, so the
pairs still match) before training: the grader's arrays change under it."""

import keras
import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_inputs_unchanged"
MESSAGE = "your function changed its input"


def train_forecaster(X_train: ArrayLike, y_train: ArrayLike) -> keras.Model:
    order = np.random.default_rng(0).permutation(len(y_train))
    X_train[:] = X_train[order]
    y_train[:] = y_train[order]
    model = build_forecaster(X_train.shape[1])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mean_squared_error",
                  metrics=["mean_absolute_error"])
    model.fit(np.asarray(X_train, dtype=np.float32), np.asarray(y_train, dtype=np.float32), epochs=10,
              batch_size=64, verbose=0)
    return model
