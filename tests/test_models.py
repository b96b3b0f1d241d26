"""Keras models as data: description in a child, validation, NumPy inference, rebuilding,
and the offline data sets."""

from __future__ import annotations

import numpy as np
import pytest

from autograde import models
from autograde.datasets import (load_auto_mpg, load_digit_images, load_digits, load_seattle_temperatures,
                                make_token_order)
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


# Every admitted layer kind against Keras itself --------------------------------------------------------

def _images(shape=(3, 7, 6, 2)):
    return np.random.default_rng(1).normal(size=shape)


def _tokens(vocab=9, padded=True):
    ids = np.random.default_rng(2).integers(1, vocab, size=(4, 6))
    if padded:
        ids[0, 4:] = 0  # padding at the end, as pad_sequences(padding="post") leaves it
        ids[1, :2] = 0  # and at the start, as its default "pre"
        ids[2, 3] = 0
    return ids


def _sequences():
    return np.random.default_rng(3).normal(size=(3, 5, 4))


L = keras.layers
KINDS = {
    "Conv2D same, strides 1": ((7, 6, 2), [L.Conv2D(3, 3, padding="same", activation="relu")], _images),
    "Conv2D valid, strides 2, no bias": ((7, 6, 2), [L.Conv2D(4, (3, 2), strides=2, use_bias=False)], _images),
    "Conv2D same, strides 2, odd size": ((7, 6, 2), [L.Conv2D(2, 4, strides=(2, 3), padding="same",
                                                              activation="tanh")], _images),
    "MaxPooling2D valid": ((7, 6, 2), [L.MaxPooling2D(2)], _images),
    "MaxPooling2D same, strides 1": ((7, 6, 2), [L.MaxPooling2D(3, strides=1, padding="same")], _images),
    "AveragePooling2D valid": ((7, 6, 2), [L.AveragePooling2D((2, 3))], _images),
    "AveragePooling2D same (padding not counted)": ((7, 6, 2), [L.AveragePooling2D(2, padding="same")], _images),
    "GlobalAveragePooling2D": ((7, 6, 2), [L.GlobalAveragePooling2D()], _images),
    "GlobalAveragePooling2D keepdims": ((7, 6, 2), [L.GlobalAveragePooling2D(keepdims=True)], _images),
    "BatchNormalization on images": ((7, 6, 2), [L.BatchNormalization(epsilon=0.01)], _images),
    "BatchNormalization without scale": ((5, 4), [L.BatchNormalization(scale=False)], _sequences),
    "Embedding": ((None,), [L.Embedding(9, 3)], lambda: _tokens(padded=False)),
    "Embedding + GlobalAveragePooling1D, masked": ((None,), [L.Embedding(9, 3, mask_zero=True),
                                                             L.GlobalAveragePooling1D()], _tokens),
    "GlobalAveragePooling1D": ((5, 4), [L.GlobalAveragePooling1D()], _sequences),
    "SimpleRNN": ((5, 4), [L.SimpleRNN(3)], _sequences),
    "SimpleRNN sequences, relu": ((5, 4), [L.SimpleRNN(3, activation="relu", return_sequences=True)], _sequences),
    "LSTM": ((5, 4), [L.LSTM(3)], _sequences),
    "LSTM sequences, no bias": ((5, 4), [L.LSTM(3, return_sequences=True, use_bias=False)], _sequences),
    "GRU": ((5, 4), [L.GRU(3)], _sequences),
    "GRU reset_after=False": ((5, 4), [L.GRU(3, reset_after=False, return_sequences=True)], _sequences),
    "masked LSTM": ((None,), [L.Embedding(9, 3, mask_zero=True), L.LSTM(4)], _tokens),
    "masked GRU sequences into Dense": ((None,), [L.Embedding(9, 3, mask_zero=True),
                                                  L.GRU(4, return_sequences=True), L.Dense(2)], _tokens),
    "masked SimpleRNN sequences, zero output": ((None,), [L.Embedding(9, 3, mask_zero=True),
                                                          L.SimpleRNN(4, return_sequences=True,
                                                                      zero_output_for_mask=True)], _tokens),
    "Dense on images (last axis)": ((7, 6, 2), [L.Dense(3, activation="sigmoid")], _images),
}


def _randomised(model):
    """``model`` with every weight drawn at random (variances positive), so that no layer
    passes by its initial zeros and ones."""
    rng = np.random.default_rng(4)
    for layer in model.layers:
        weights = [rng.normal(scale=0.7, size=w.shape) for w in layer.get_weights()]
        if isinstance(layer, L.BatchNormalization):
            weights[-1] = rng.uniform(0.5, 2.0, size=weights[-1].shape)  # moving variance
        layer.set_weights(weights)
    return model


@pytest.mark.parametrize("kind", list(KINDS))
def test_numpy_forward_matches_keras_for_each_layer_kind(kind):
    shape, layers, data = KINDS[kind]
    model = _randomised(keras.Sequential([keras.Input(shape), *layers]))
    x = data()
    expected = model.predict(x.astype(np.float32), verbose=0)
    spec = models.read(describe(model))
    np.testing.assert_allclose(models.predict(spec, x), expected, rtol=1e-5, atol=1e-5)
    rebuilt = models.build(spec)
    np.testing.assert_allclose(rebuilt.predict(x.astype(np.float32), verbose=0), expected, rtol=1e-5, atol=1e-5)


WHOLE = {
    "CNN": lambda: keras.Sequential([
        keras.Input((8, 8, 1)), L.Conv2D(16, 3, padding="same", activation="relu"), L.MaxPooling2D(2),
        L.Conv2D(8, 3, activation="relu", kernel_regularizer=keras.regularizers.L2(1e-3)), L.BatchNormalization(),
        L.Flatten(), L.Dropout(0.3), L.Dense(10, activation="softmax")]),
    "regularised MLP": lambda: keras.Sequential([
        keras.Input((8, 8)), L.Flatten(), L.Dense(32, activation="relu",
                                                   kernel_regularizer=keras.regularizers.L2(1e-4)),
        L.BatchNormalization(), L.Dropout(0.3), L.Dense(10, activation="softmax")]),
    "sequence classifier": lambda: keras.Sequential([
        keras.Input((None,)), L.Embedding(20, 8, mask_zero=True), L.LSTM(6, return_sequences=True), L.GRU(5),
        L.Dense(2, activation="softmax")]),
    "forecaster (functional)": lambda: keras.Model(*_functional_forecaster()),
}


def _functional_forecaster():
    inputs = keras.Input((14, 1))
    return inputs, L.Dense(1)(L.LSTM(8)(inputs))


@pytest.mark.parametrize("name", list(WHOLE))
def test_numpy_forward_matches_keras_for_whole_models(name):
    keras.utils.set_random_seed(5)
    model = _randomised(WHOLE[name]())
    shape = tuple(model.inputs[0].shape[1:])
    x = (_tokens(20) if name.startswith("sequence") else np.random.default_rng(6).random((5, *shape)))
    expected = model.predict(x.astype(np.float32), verbose=0)
    spec = models.read(describe(model))
    np.testing.assert_allclose(models.predict(spec, x), expected, rtol=1e-5, atol=1e-5)


def test_settings_and_regularisers_read_as_data():
    model = WHOLE["CNN"]()
    spec = models.read(describe(model))
    assert spec.summary() == ("Conv2D(16, 3x3, same, relu) -> MaxPooling2D(2x2) -> Conv2D(8, 3x3, valid, relu, "
                              "l2=0.001) -> BatchNormalization -> Flatten -> Dropout(0.3) -> Dense(10, softmax)")
    conv, _, second, norm = spec.layers[:4]
    assert (conv.config["filters"], conv.config["kernel_size"], conv.params) == (16, (3, 3), 160)
    assert conv.kernel_regularizer is None and second.kernel_regularizer == pytest.approx((0.0, 1e-3))
    assert (norm.config["epsilon"], norm.config["momentum"], norm.params) == (pytest.approx(1e-3), 0.99, 4 * 8)
    spec = models.read(describe(WHOLE["sequence classifier"]()))
    embedding, lstm, gru = spec.layers[:3]
    assert (embedding.config["input_dim"], embedding.config["output_dim"], embedding.config["mask_zero"]) == (20, 8,
                                                                                                              True)
    assert (lstm.config["return_sequences"], lstm.config["recurrent_activation"]) == (True, "sigmoid")
    assert (gru.config["return_sequences"], gru.config["reset_after"], gru.units) == (False, True, 5)
    assert spec.summary() == "Embedding(20, 8, mask_zero) -> LSTM(6, sequences) -> GRU(5) -> Dense(2, softmax)"


@pytest.mark.parametrize(("layer", "message"), [
    (lambda: L.Conv2D(2, 3, dilation_rate=2), r"sets dilation_rate=\[2, 2\]"),
    (lambda: L.LSTM(2, go_backwards=True), "sets go_backwards=True"),
    (lambda: L.Dense(2, kernel_regularizer=keras.regularizers.OrthogonalRegularizer()),
     "kernel_regularizer of class OrthogonalRegularizer"),
    (lambda: L.Conv1D(2, 3), "a layer of class Conv1D"),
    (lambda: L.LSTM(2, recurrent_activation="hard_sigmoid"), "activation 'hard_sigmoid'"),
])
def test_settings_the_grader_does_not_compute_are_refused_clearly(layer, message):
    made = layer()
    model = keras.Sequential([keras.Input((6, 6, 1) if isinstance(made, L.Conv2D) else (5, 4)), made])
    with pytest.raises(GradingFailure, match=message):
        models.read(describe(model))


def test_inputs_that_do_not_fit_the_layers_are_a_value_error():
    spec = models.read(describe(keras.Sequential([keras.Input((None,)), L.Embedding(5, 2),
                                                  L.GlobalAveragePooling1D()])))
    with pytest.raises(ValueError, match="token ids must be in 0 .. 4, and it receives ids from 1 to 5"):
        models.predict(spec, np.array([[1, 5]]))
    spec = models.read(describe(keras.Sequential([keras.Input((5, 4)), L.LSTM(2)])))
    with pytest.raises(ValueError, match=r"takes sequences of shape \(n, steps, features\); it receives an array "
                                         r"of shape \(2, 20\)"):
        models.predict(spec, np.zeros((2, 20)))


def test_digit_images_are_the_digits_channels_last():
    X, y = load_digit_images()
    flat, labels = load_digits()
    assert X.shape == (1797, 8, 8, 1) and np.array_equal(X.reshape(1797, 64), flat) and np.array_equal(y, labels)


def test_the_seattle_series_is_four_whole_years_of_daily_maxima():
    dates, temp_max = load_seattle_temperatures()
    assert (str(dates[0]), str(dates[-1]), len(dates)) == ("2012-01-01", "2015-12-31", 1461)
    assert np.all(np.diff(dates) == np.timedelta64(1, "D"))  # no day missing or repeated
    assert temp_max.dtype == np.float64 and not np.isnan(temp_max).any()
    assert -2 < temp_max.min() < 0 and 35 < temp_max.max() < 36  # -1.6 and 35.6 degrees in the source
    summer = temp_max[(dates >= np.datetime64("2015-07-01")) & (dates < np.datetime64("2015-08-01"))]
    winter = temp_max[(dates >= np.datetime64("2015-01-01")) & (dates < np.datetime64("2015-02-01"))]
    assert summer.mean() > winter.mean() + 10


def test_the_token_order_task_cannot_be_solved_from_a_bag_of_words():
    from sklearn.linear_model import LogisticRegression

    x, y = make_token_order(3000, seed=0)
    assert np.array_equal(make_token_order(3000, seed=0)[0], x)  # generated the same from the same seed
    assert x.shape == (3000, 12) and x.min() >= 1 and x.max() <= 19
    assert np.all((x == 1).sum(axis=1) == 1) and np.all((x == 2).sum(axis=1) == 1)
    assert 0.45 < y.mean() < 0.55
    # Swapping the two markers flips every label and leaves every bag of words as it was:
    # no function of the token counts can tell the classes apart.
    swapped = np.where(x == 1, 2, np.where(x == 2, 1, x))
    counts = np.stack([np.bincount(row, minlength=20) for row in x])
    assert np.array_equal(counts, np.stack([np.bincount(row, minlength=20) for row in swapped]))
    assert np.array_equal((np.argmax(swapped == 1, axis=1) < np.argmax(swapped == 2, axis=1)), 1 - y)
    # A bag-of-words classifier stays at chance; the order of the markers gives the label exactly.
    test_x, test_y = make_token_order(1000, seed=1)
    test_counts = np.stack([np.bincount(row, minlength=20) for row in test_x])
    bag = LogisticRegression(max_iter=1000).fit(counts, y).score(test_counts, test_y)
    assert bag < 0.56
    assert np.array_equal(np.argmax(test_x == 1, axis=1) < np.argmax(test_x == 2, axis=1), test_y == 1)


def test_a_functional_model_with_a_branch_or_an_operation_is_refused():
    inputs = keras.Input((4,))
    branched = keras.Model(inputs, L.Add()([L.Dense(3)(inputs), L.Dense(3)(inputs)]))
    with pytest.raises(GradingFailure, match="not a chain of layers"):
        models.read(describe(branched))
    inputs = keras.Input((5, 3))
    sliced = keras.Model(inputs, L.Dense(1)(L.LSTM(4, return_sequences=True)(inputs)[:, -1, :]))
    with pytest.raises(GradingFailure, match="layer 2 of your model is a layer of class GetItem"):
        models.read(describe(sliced))
    inputs = keras.Input((5, 3))
    chained = keras.Model(inputs, L.Dense(1)(L.LSTM(4)(inputs)))
    assert models.read(describe(chained)).layer_classes() == ["LSTM", "Dense"]


def test_public_grading_of_the_keras_exercises_never_imports_tensorflow_in_the_grader(tmp_path):
    """The child trains; the grader reads the models as data and scores them in NumPy. Only
    a hidden test that trains a model itself (models.build) may import Keras here."""
    import subprocess
    import sys

    from conftest import ROOT

    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from autograde.config import find_course\n"
        "from autograde.grading import GradingSession\n"
        f"course = find_course(Path({str(ROOT)!r}))\n"
        "with GradingSession(course, exercises=['keras_models', 'keras_deep']) as session:\n"
        f"    result = session.grade(session.load(Path({str(ROOT / 'solutions')!r})),\n"
        "                           exercises=['keras_models', 'keras_deep'])\n"
        "print(result.score, result.max_score)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    score, imported = done.stdout.strip().splitlines()[-2:]
    assert score.split()[0] == score.split()[1] and float(score.split()[0]) > 0
    assert imported == "[]"
