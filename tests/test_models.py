"""Keras models as data: description in a child, validation, NumPy inference, rebuilding,
and the offline data sets."""

from __future__ import annotations

import numpy as np
import pytest

from autograde import models
from autograde.datasets import load_auto_mpg, load_digits
from autograde.errors import GradingFailure

keras = pytest.importorskip("keras")
from autograde.sandbox.keras_models import describe  # noqa: E402  (needs keras)


def mlp(**compile_args):
    model = keras.Sequential([keras.Input((8, 8)), keras.layers.Flatten(), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dropout(0.2), keras.layers.Dense(10, activation="softmax")])
    model.compile(**{"optimizer": "adam", "loss": "sparse_categorical_crossentropy", "metrics": ["accuracy"],
                     **compile_args})
    return model


def test_a_described_model_reads_back_with_its_settings():
    spec = models.read(describe(mlp()))
    assert spec.summary() == "Flatten -> Dense(16, relu) -> Dropout(0.2) -> Dense(10, softmax)"
    assert spec.params == 64 * 16 + 16 + 16 * 10 + 10
    assert (spec.optimizer, spec.loss, spec.metrics, spec.input_shape) == (
        "Adam", "sparse_categorical_crossentropy", ("accuracy",), (None, 8, 8))
    assert spec.learning_rate == pytest.approx(0.001)


@pytest.mark.parametrize(
    ("loss", "metric", "loss_name", "metric_name"),
    [
        ("mse", "mae", "mean_squared_error", "mean_absolute_error"),
        ("MSE", "MAE", "mean_squared_error", "mean_absolute_error"),
        (lambda: keras.losses.MeanSquaredError(), lambda: keras.metrics.MeanAbsoluteError(),
         "mean_squared_error", "mean_absolute_error"),
        (lambda: keras.losses.mean_squared_error, lambda: keras.metrics.mean_absolute_error,
         "mean_squared_error", "mean_absolute_error"),
    ],
)
def test_losses_and_metrics_in_every_spelling_get_canonical_names(loss, metric, loss_name, metric_name):
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    model.compile(optimizer="rmsprop", loss=loss() if callable(loss) else loss,
                  metrics=[metric() if callable(metric) else metric])
    spec = models.read(describe(model))
    assert (spec.loss, spec.metrics) == (loss_name, (metric_name,))


def test_categorical_accuracy_is_not_plain_accuracy():
    assert models.canonical("categorical_accuracy") == "categorical_accuracy"
    assert models.canonical("SparseCategoricalAccuracy") == "accuracy"


def test_a_lambda_layer_is_refused_and_never_run():
    model = keras.Sequential([keras.Input((2,)), keras.layers.Lambda(lambda x: x * 2)])
    with pytest.raises(GradingFailure, match="layer 0 of your model is a Lambda layer"):
        models.read(describe(model))


def test_tf_nn_softmax_counts_as_softmax():
    import tensorflow as tf

    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3, activation=tf.nn.softmax)])
    assert models.read(describe(model)).layers[-1].activation == "softmax"


def test_not_a_model():
    with pytest.raises(GradingFailure, match="your function returned list, not a Keras model"):
        models.read([1, 2])


def test_numpy_inference_matches_keras_and_rebuilding():
    keras.utils.set_random_seed(0)
    model = mlp()
    x = np.random.default_rng(0).random((5, 8, 8))
    expected = np.asarray(model(x.astype(np.float32), training=False))
    spec = models.read(describe(model))
    np.testing.assert_allclose(models.predict(spec, x), expected, rtol=1e-5, atol=1e-6)
    rebuilt = models.build(spec)
    np.testing.assert_allclose(np.asarray(rebuilt(x.astype(np.float32), training=False)), expected, rtol=1e-5, atol=1e-6)


def test_weights_that_do_not_fit_are_refused():
    data = describe(mlp())
    data["layers"][1]["weights"][0] = np.zeros((3, 16), dtype=np.float32)
    with pytest.raises(ValueError, match="do not fit a Dense"):
        models.predict(models.read(data), np.zeros((1, 8, 8)))


def test_offline_data_sets():
    X, y = load_digits()
    assert X.shape == (1797, 64) and set(np.unique(y)) == set(range(10)) and 0 <= X.min() and X.max() <= 1
    X, y = load_auto_mpg()
    assert X.shape == (392, 9) and y.shape == (392,)
    assert 9 <= y.min() and y.max() <= 47
    assert np.all(X[:, -3:].sum(axis=1) == 1)  # origin one-hot
