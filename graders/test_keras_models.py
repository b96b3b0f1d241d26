"""Grader: keras_models — Keras models: Dense layers (퍼셉트론 층), activations (활성화 함수),
losses (손실 함수), optimizers (옵티마이저), and a classifier trained on digits.

A model comes back from the learner's child as validated data (``models.read``): its
layers with their settings, parameter counts and weights, its input shape and its
compile settings. Architecture and compile checks read that data only. The held-out
digits are scored by computing the validated model's outputs here in NumPy
(``models.predict``); the hidden Auto MPG test trains a Keras model the grader builds
itself from the validated data (``models.build``). No object the learner made is ever
run here.
"""

import numpy as np
import pytest

from autograde import models
from autograde.compare import assert_unchanged, fail
from autograde.datasets import load_auto_mpg, load_digits
from autograde.errors import LearnerError
from autograde.i18n import t
from autograde.models.checks import check_compile, check_input, check_layers, model_of

# Digits kept back from train_digits_classifier; it trains on the other 1,397.
HELD_OUT = 400
HELD_OUT_SEED = 8  # which digits are held out: the same for every learner

LAYERS_HINT = "Build the model from the layers the contract names, in that order, starting with keras.Input(shape=...)."
# The classifier's loss, by the wrong loss a learner chose.
CLASSIFIER_LOSS_HINTS = {
    "categorical_crossentropy": "The labels are integers 0-9, not one-hot rows: use "
                                "loss='sparse_categorical_crossentropy'. 'categorical_crossentropy' expects one-hot "
                                "labels (and fails on integer ones).",
    "mean_squared_error": "Mean squared error is a loss for regression. A classifier with softmax outputs and integer "
                          "labels uses loss='sparse_categorical_crossentropy'.",
}


def _dense(spec):
    return [layer for layer in spec.layers if layer.cls == "Dense"]


def _check_units(spec, call, inputs, units, hint):
    """The Dense layers' units, then their parameter counts: inputs x units weights + units biases."""
    __tracebackhide__ = True
    got = [layer.units for layer in _dense(spec)]
    if got != list(units):
        fail(t("the Dense layers of your model have {got} units; expected {expected}.\nYour model: {model}",
               got=str(got), expected=str(list(units)), model=spec.summary()), call=call, hint=hint)
    for layer, n_in, n_out in zip(_dense(spec), [inputs, *units[:-1]], units):
        expected = n_in * n_out + n_out
        if layer.params != expected:
            fail(t("the layer Dense({n_out}) of your model has {params:,} parameters; expected "
                   "{n_in} x {n_out} + {n_out} = {expected:,} ({n_in} inputs times {n_out} units, plus {n_out} "
                   "biases).\nYour model: {model}", n_out=n_out, params=layer.params, n_in=n_in, expected=expected,
                   model=spec.summary()), call=call, hint=hint)


def _check_activations(spec, call, expected, hint):
    """The Dense layers' activations; no activation reads "linear"."""
    __tracebackhide__ = True
    got = [layer.activation for layer in _dense(spec)]
    if got != list(expected):
        fail(t("the Dense layers of your model use the activations {got}; expected {expected}.\n"
               "Your model: {model}", got=str(got), expected=str(list(expected)), model=spec.summary()),
             call=call, hint=hint)


def _digits():
    X, y = load_digits()
    return X.reshape(-1, 8, 8), y


@pytest.fixture(scope="module")
def digits_training(student):
    """One call of the learner's ``train_digits_classifier`` on the training digits, shared by
    the tests that look at it (training is the slow part of this grader). A learner error is
    handed to each test, which raises it: both tests then report it."""
    X, y = _digits()
    order = np.random.default_rng(HELD_OUT_SEED).permutation(len(y))
    test, train = order[:HELD_OUT], order[HELD_OUT:]
    try:
        return student.train_digits_classifier.call(X[train], y[train]), X, y, test
    except LearnerError as exc:
        return _Raise(exc), X, y, test


class _Raise:
    """Stands for a call that failed: touching its result raises the learner's error."""

    def __init__(self, exc):
        self.exc = exc

    def __getattr__(self, name):
        raise self.exc


# build_linear_regression ----------------------------------------------------------------------------

@pytest.mark.points(2)
@pytest.mark.hint("Linear regression y = w * x + b is one Dense(1) unit with no activation, on one input feature: "
                  "keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)]).")
def test_linear_regression_model(student):
    spec, call = model_of(student.build_linear_regression)
    check_input(spec, call, (1,), hint="One input feature: keras.Input(shape=(1,)).")
    check_layers(spec, call, ["Dense"], hint="The model is a single layer: keras.layers.Dense(1).")
    _check_units(spec, call, 1, [1], hint="One unit, Dense(1), with its bias: w and b are its 2 parameters.")
    _check_activations(spec, call, ["linear"],
                       hint="Leave out the activation (Dense(1) is linear): the prediction is w * x + b itself. "
                            "relu would turn every negative prediction into 0.")


@pytest.mark.points(2)
@pytest.mark.hint("model.compile(optimizer='sgd', loss='mean_squared_error').")
def test_linear_regression_compile(student):
    spec, call = model_of(student.build_linear_regression)
    check_compile(spec, call, optimizer="SGD", loss="mean_squared_error", hints={
        "optimizer": t("The contract asks for plain stochastic gradient descent: optimizer='sgd' "
                       "(or keras.optimizers.SGD())."),
        "loss": t("Regression is trained on the mean squared error: loss='mean_squared_error' (or 'mse')."),
    })


# build_mlp_classifier ------------------------------------------------------------------------------

@pytest.mark.points(2)
@pytest.mark.hint("keras.Input(shape=input_shape), then Flatten, Dense(hidden_units, activation), "
                  "Dense(num_classes, activation='softmax').")
def test_mlp_layers(student):
    spec, call = model_of(student.build_mlp_classifier)
    check_input(spec, call, (28, 28), hint="Use the input_shape argument: keras.Input(shape=input_shape).")
    hint = LAYERS_HINT
    if "Flatten" not in spec.layer_classes():
        hint = t("Add keras.layers.Flatten() before the first Dense layer: it turns each 28x28 image into 784 "
                 "numbers. Without it, Dense works on each of the 28 rows separately and the model outputs "
                 "28 x 10 scores per image.")
    check_layers(spec, call, ["Flatten", "Dense", "Dense"], hint=hint)


@pytest.mark.points(3)
@pytest.mark.hint("Dense(hidden_units) after Flatten has 784 x 100 + 100 = 78,500 parameters, Dense(num_classes) "
                  "100 x 10 + 10 = 1,010: 79,510 in all.")
def test_mlp_units_and_parameters(student):
    spec, call = model_of(student.build_mlp_classifier)
    _check_units(spec, call, 28 * 28, [100, 10],
                 hint="Flatten the 28x28 image into 784 inputs first; then Dense(100) has 784 x 100 weights and 100 "
                      "biases, and Dense(10) 100 x 10 + 10.")


@pytest.mark.points(2)
@pytest.mark.hint("The hidden layer uses the activation argument; the output layer uses softmax, so that the "
                  "10 outputs are probabilities that sum to 1.")
def test_mlp_activations(student):
    spec, call = model_of(student.build_mlp_classifier)
    output = _dense(spec)[-1].activation if _dense(spec) else None
    hint = None
    if output in ("sigmoid", "relu", "linear"):
        hint = t("The output layer needs activation='softmax', not {output}: softmax turns the 10 scores into "
                 "probabilities that sum to 1, which sparse categorical cross-entropy expects.", output=output)
    _check_activations(spec, call, ["relu", "softmax"], hint=hint or
                       t("Dense(hidden_units, activation=activation) and Dense(num_classes, activation='softmax')."))


@pytest.mark.points(3)
@pytest.mark.hint("Integer labels 0-9: model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', "
                  "metrics=['accuracy']).")
def test_mlp_compile(student):
    spec, call = model_of(student.build_mlp_classifier)
    check_compile(spec, call, optimizer="Adam", loss="sparse_categorical_crossentropy", metric="accuracy", hints={
        "optimizer": t("The contract asks for Adam: optimizer='adam' (or keras.optimizers.Adam())."),
        "loss": (t(CLASSIFIER_LOSS_HINTS[spec.loss]) if spec.loss in CLASSIFIER_LOSS_HINTS else
                 t("Integer labels 0-9 with softmax outputs: loss='sparse_categorical_crossentropy'.")),
        "metric": t("Ask Keras to report the accuracy while training: metrics=['accuracy']."),
    })


@pytest.mark.points(2)
@pytest.mark.hint("Use every argument: keras.Input(shape=input_shape), Dense(hidden_units, activation=activation), "
                  "Dense(num_classes, activation='softmax'). Nothing may be written in as 28, 100, 'relu' or 10.")
def test_mlp_other_arguments(student):
    spec, call = model_of(student.build_mlp_classifier, input_shape=(8, 8), hidden_units=32, activation="tanh",
                          num_classes=5)
    hint = t("Use every argument; nothing may be written in as 28, 100, 'relu' or 10.")
    check_input(spec, call, (8, 8), hint="Use the input_shape argument: keras.Input(shape=input_shape).")
    check_layers(spec, call, ["Flatten", "Dense", "Dense"], hint=hint)
    _check_units(spec, call, 64, [32, 5], hint="Dense(hidden_units, ...) and Dense(num_classes, ...): use the "
                                                "arguments, not the default numbers.")
    _check_activations(spec, call, ["tanh", "softmax"], hint="The hidden layer uses activation=activation (here "
                                                             "'tanh'); the output layer always uses softmax.")


# build_regressor -----------------------------------------------------------------------------------

@pytest.mark.points(2)
@pytest.mark.hint("keras.Input(shape=(num_features,)), Dense(64, activation='relu'), Dense(64, activation='relu'), "
                  "Dense(1).")
def test_regressor_layers(student):
    for num_features, first in ((9, 640), (3, 256)):
        spec, call = model_of(student.build_regressor, num_features)
        check_input(spec, call, (num_features,),
                    hint="Each sample is a row of num_features numbers: keras.Input(shape=(num_features,)).")
        check_layers(spec, call, ["Dense", "Dense", "Dense"], hint=LAYERS_HINT)
        _check_units(spec, call, num_features, [64, 64, 1],
                     hint=t("Two hidden layers of 64 units and one output unit; the first has {num_features} x 64 "
                            "+ 64 = {first} parameters.", num_features=num_features, first=first))
        hidden = [layer.activation for layer in _dense(spec)[:-1]]
        if hidden != ["relu", "relu"]:
            fail(t("the hidden layers of your model use the activations {hidden}; expected ['relu', 'relu'].\n"
                   "Your model: {model}", hidden=str(hidden), model=spec.summary()), call=call,
                 hint="Both hidden layers use activation='relu'.")


@pytest.mark.points(2)
@pytest.mark.hint("A regression output is any real number: the last layer is Dense(1) with no activation.")
def test_regressor_output_has_no_activation(student):
    spec, call = model_of(student.build_regressor, 9)
    output = _dense(spec)[-1].activation if _dense(spec) else None
    hint = t("Leave out the output layer's activation: Dense(1) predicts the number itself.")
    if output == "softmax":
        hint = t("softmax of a single output is always exactly 1.0, so this model predicts 1.0 for every input "
                 "whatever its weights. Use Dense(1) with no activation.")
    elif output in ("relu", "sigmoid"):
        hint = t("{output} limits what the model can predict. Use Dense(1) with no activation.", output=output)
    if output != "linear":
        fail(t("the output layer of your model uses the activation {output}; a regression output has none "
               "(linear).\nYour model: {model}", output=str(output), model=spec.summary()), call=call, hint=hint)


@pytest.mark.points(2)
@pytest.mark.hint("model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.001), loss='mse', "
                  "metrics=['mae']).")
def test_regressor_compile(student):
    spec, call = model_of(student.build_regressor, 9)
    check_compile(spec, call, optimizer="RMSprop", learning_rate=0.001, loss="mean_squared_error",
                  metric="mean_absolute_error", hints={
                      "optimizer": t("The contract asks for RMSprop: keras.optimizers.RMSprop(learning_rate=0.001)."),
                      "learning_rate": t("Pass the learning rate (학습률) to the optimizer: "
                                         "keras.optimizers.RMSprop(learning_rate=0.001)."),
                      "loss": t("Regression is trained on the mean squared error: loss='mse'."),
                      "metric": t("Report the mean absolute error while training: metrics=['mae']."),
                  })


# train_digits_classifier ---------------------------------------------------------------------------

@pytest.mark.points(4)
@pytest.mark.timeout(60)
@pytest.mark.hint("Build a model for (8, 8) inputs (for example Flatten, Dense(64, relu), Dense(10, softmax)), "
                  "compile it with loss='sparse_categorical_crossentropy' (the labels are integers 0-9, not "
                  "one-hot) and train it with model.fit(x_train, y_train, epochs=..., batch_size=...).")
def test_digits_held_out_accuracy(student, digits_training):
    record, X, y, test = digits_training
    spec, call = models.read(record.value, call=record.call), record.call
    check_input(spec, call, (8, 8), hint="The digits are (n, 8, 8) images: start with keras.Input(shape=(8, 8)) "
                                         "and a Flatten layer.")
    try:
        scores = models.predict(spec, X[test])
    except ValueError as exc:
        fail(t("the grader could not rebuild your model from its layers: {error}.", error=str(exc)), call=call,
             hint=LAYERS_HINT)
    if scores.shape != (HELD_OUT, 10):
        fail(t("for {n} digits your model outputs an array of shape {shape}; expected ({n}, 10), one score per "
               "class.", n=HELD_OUT, shape=str(scores.shape)), call=call,
             hint="End with Dense(10, activation='softmax'), after a Flatten layer.")
    accuracy = float(np.mean(np.argmax(scores, axis=1) == y[test]))
    if not accuracy >= 0.90:
        fail(t("your trained model classifies {accuracy:.1%} of {n} held-out digits correctly; at least "
               "90% is needed.", accuracy=accuracy, n=HELD_OUT), call=call,
             hint="Train for more than one epoch (에폭): model.fit runs a single epoch unless you pass epochs=..., "
                  "for example epochs=20, batch_size=32. A learning rate of 0.01 for Adam also helps.")


@pytest.mark.points(1)
@pytest.mark.timeout(60)
@pytest.mark.hint("Leave x_train and y_train as they were: shuffle or scale copies (model.fit shuffles by itself), "
                  "not the caller's arrays.")
def test_inputs_unchanged(student, digits_training):
    record, *_ = digits_training
    assert_unchanged(record)


### BEGIN HIDDEN TESTS
@pytest.mark.hidden
@pytest.mark.points(1)
@pytest.mark.hint("Use every argument: input_shape may have three dimensions, Flatten handles them all.")
def test_mlp_three_dimensional_input(student):
    spec, call = model_of(student.build_mlp_classifier, input_shape=(4, 4, 3), hidden_units=7, activation="sigmoid",
                          num_classes=3)
    check_input(spec, call, (4, 4, 3), hint="keras.Input(shape=input_shape), whatever its length.")
    check_layers(spec, call, ["Flatten", "Dense", "Dense"], hint=LAYERS_HINT)
    _check_units(spec, call, 48, [7, 3], hint="Flatten turns a 4x4x3 input into 48 numbers.")
    _check_activations(spec, call, ["sigmoid", "softmax"], hint="activation=activation, then softmax.")


@pytest.mark.hidden
@pytest.mark.points(2)
@pytest.mark.timeout(60)
@pytest.mark.hint("Pass the public build_regressor tests first. Then keep Keras' default initialisers: with every "
                  "weight 0, all hidden units compute the same thing and receive the same update, and relu units "
                  "with zero weights never learn at all.")
def test_regressor_learns_auto_mpg(student, rng):
    import keras  # the grader's own model, built from the validated description

    X, y = load_auto_mpg()
    order = rng.permutation(len(y))
    test, train = order[:80], order[80:]
    X = (X - X[train].mean(axis=0)) / X[train].std(axis=0)
    y_mean, y_std = y[train].mean(), y[train].std()
    spec, call = model_of(student.build_regressor, X.shape[1])
    check_input(spec, call, (X.shape[1],), hint="keras.Input(shape=(num_features,)).")
    _check_units(spec, call, X.shape[1], [64, 64, 1], hint="Dense(64, relu), Dense(64, relu), Dense(1).")
    model = models.build(spec)
    # From the learner's initial weights, the contract's optimizer trains on standardised data.
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.001), loss="mean_squared_error")
    model.fit(X[train], (y[train] - y_mean) / y_std, epochs=30, batch_size=32, shuffle=False, verbose=0)
    predicted = np.asarray(model(X[test], training=False)).reshape(-1) * y_std + y_mean
    error = float(np.mean(np.abs(predicted - y[test])))
    baseline = float(np.mean(np.abs(y_mean - y[test])))
    if not error < 3.0:
        fail(t("trained for 30 epochs from its initial weights on {train} cars of the Auto MPG data, your "
               "regressor is off by {error:.2f} mpg on average on {test} other cars; at most 3 mpg is expected "
               "(always predicting the mean is off by {baseline:.2f}).", train=len(train), error=error,
               test=len(test), baseline=baseline), call=call)
### END HIDDEN TESTS
