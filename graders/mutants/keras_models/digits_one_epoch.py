"""The digits classifier is trained with ``model.fit(x, y)`` alone: one epoch at Adam's
default learning rate, about 60% on held-out digits."""

import keras
import numpy as np
from numpy.typing import ArrayLike

CAUGHT_BY = "test_digits_held_out_accuracy"
MESSAGE = "held-out digits correctly; at least 90% is needed"


def train_digits_classifier(x_train: ArrayLike, y_train: ArrayLike) -> keras.Model:
    model = build_mlp_classifier(input_shape=(8, 8), hidden_units=64)
    model.fit(np.asarray(x_train), np.asarray(y_train), verbose=0)
    return model
