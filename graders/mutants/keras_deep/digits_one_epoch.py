"""The CNN is trained with ``model.fit(x, y)`` alone: one epoch at Adam's default
learning rate, far below 95% on held-out digits."""

import keras
import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_digits_cnn_held_out_accuracy"
MESSAGE = "held-out digits correctly; at least 95% is needed"


def train_digits_cnn(x_train: ArrayLike, y_train: ArrayLike) -> keras.Model:
    model = build_cnn_classifier()
    model.fit(np.asarray(x_train), np.asarray(y_train), verbose=0)
    return model
