"""Exercise: convolutional, recurrent and regularised models in Keras (케라스).

In ``keras_models`` you built networks of ``Dense`` layers only. Here you use the
layers made for images, for sequences and for fighting overfitting (과적합):

- a convolutional neural network (합성곱 신경망, CNN) that classifies 8x8 images of digits;
- a multi-layer perceptron with L2 regularisation (L2 규제), batch normalisation
  (배치 정규화) and dropout (드롭아웃);
- a recurrent neural network (순환 신경망, RNN) with an embedding (임베딩) and an LSTM
  (장단기 메모리, long short-term memory) that classifies sequences of tokens (토큰);
- a time-series forecaster (시계열 예측) of Seattle's daily maximum temperature, trained
  on windows (윈도) of past days.

Images: ``Conv2D`` and ``MaxPooling2D``
---------------------------------------
Keras stores images "channels last" (채널 마지막): a batch is ``(n, height, width,
channels)``, so 8x8 grey images are ``(n, 8, 8, 1)``. ::

    keras.layers.Conv2D(16, 3, padding="same", activation="relu")  # 16 filters of 3x3
    keras.layers.MaxPooling2D(2)                                   # max of each 2x2 block

- ``Conv2D(filters, kernel_size)`` slides ``filters`` kernels (필터, 커널) of
  ``kh x kw`` over the image; each kernel looks at all ``C_in`` input channels (채널)
  and has one bias. Parameters (매개변수): ``kh * kw * C_in * filters + filters``. On
  a grey image (``C_in = 1``), ``Conv2D(16, 3)`` has ``3 * 3 * 1 * 16 + 16 = 160``. The
  output has ``filters`` channels: the feature maps (특징 맵).
- Padding (패딩): ``padding="same"`` adds zeros around the border so the output keeps
  the input's height and width (8x8 -> 8x8); ``padding="valid"`` (the default!) adds
  none, and a 3x3 kernel fits only ``8 - 3 + 1 = 6`` times across: 8x8 -> 6x6. The
  parameters of the ``Conv2D`` itself do not change, but every later layer sees a
  different size. Stride (스트라이드) 1 is the default.
- Pooling (풀링): ``MaxPooling2D(2)`` keeps the largest of each 2x2 block, halving
  height and width (8x8 -> 4x4); the channels stay. Pooling has no parameters at all.
- ``Flatten`` then turns the maps into one row: after ``Conv2D(16, 3, padding="same")``
  and ``MaxPooling2D(2)`` an 8x8x1 image is 4x4x16 = 256 numbers, so ``Dense(10)``
  has ``256 * 10 + 10 = 2,570`` parameters; 2,730 in all. With ``padding="valid"``
  it would be 3x3x16 = 144 numbers and ``Dense(10)`` 1,450 parameters.

Sequences: ``Embedding`` and ``LSTM``
-------------------------------------
A text becomes a sequence of integer token ids (단어 ID) ``0 .. vocab_size - 1``; a
batch of sequences of length ``T`` is an integer array ``(n, T)``.

- ``Embedding(input_dim, output_dim)`` takes ``(n, T)`` integer ids and returns
  ``(n, T, output_dim)``: row ``id`` of its ``(input_dim, output_dim)`` weight matrix
  for every token (the embedding, 임베딩: a learned vector per word). ``input_dim`` is
  the vocabulary size (어휘 크기): every id must be ``< input_dim``. It has
  ``input_dim * output_dim`` parameters. (``mask_zero=True`` makes the next layers
  skip the id 0 used for padding (패딩) short sequences; the sequences here are not
  padded, so leave it out.)
- ``LSTM(units)`` takes ``(n, T, features)`` and reads the ``T`` steps in order,
  carrying a hidden state (은닉 상태) and a memory cell (기억 셀). It returns the last
  hidden state, ``(n, units)``, or with ``return_sequences=True`` every step's,
  ``(n, T, units)`` (what a second recurrent layer needs, not a ``Dense``). Its four
  gates (게이트) each have an input weight, a recurrent weight and a bias:
  ``4 * (units * (features + units) + units)`` parameters. ``SimpleRNN(units)``
  (one tanh layer, ``units * (features + units) + units``) and ``GRU(units)`` (three
  gates, ``3 * (units * (features + units) + 2 * units)`` in Keras) take and return
  the same shapes.
- ``keras.Input(shape=(None,))`` declares sequences of any length: ``None`` is the
  time axis (the batch axis is never written).

Forecasting: windows (윈도)
---------------------------
To forecast (예측) a series one step ahead, cut it into windows of ``window`` past
values, each labelled with the value ``horizon`` steps after its end (see
``make_windows``). An LSTM reads a window as ``(window, 1)``: ``window`` time steps
of one feature, so ``X`` of shape ``(n, window)`` becomes ``X[..., None]``, ``(n,
window, 1)``. Scale the series first (standardise with the training part's mean and
standard deviation: 표준화): the network learns far better near 0 than near 20 degC.

Against overfitting (과적합)
----------------------------
A network that remembers its training data instead of learning the pattern does
well on it and badly on new data. Three remedies (규제, regularisation):

- L2 regularisation (L2 규제, weight decay 가중치 감쇠):
  ``Dense(128, kernel_regularizer=keras.regularizers.L2(1e-4))`` adds
  ``1e-4 * sum(W ** 2)`` of that layer's weights (not its biases) to the loss, so
  large weights cost something.
- Dropout (드롭아웃): ``Dropout(0.3)`` sets a random 30% of its inputs to 0 at each
  training step (and scales the rest by ``1 / 0.7``); when predicting it does
  nothing. It has no parameters.
- Batch normalisation (배치 정규화): ``BatchNormalization()`` standardises each
  feature over the mini-batch, then scales and shifts it by the learned ``gamma``
  and ``beta``; it keeps moving averages (이동 평균) of the mean and variance to use
  when predicting. Four vectors per feature: ``gamma`` and ``beta`` are trained,
  the moving mean and variance are not (``model.summary()`` counts them as
  "non-trainable").

How your models are graded: each function returns the model object itself. The
grader receives a description of it (its layers and their settings, weights,
regularisers, input shape and compile settings), checks that, and computes a
trained model's predictions on held-out data from that description in NumPy. So
use only Keras' built-in layers ``keras.Input``, ``Flatten``, ``Dense``,
``Dropout``, ``Conv2D``, ``MaxPooling2D``, ``AveragePooling2D``,
``GlobalAveragePooling1D``, ``GlobalAveragePooling2D``, ``BatchNormalization``,
``Embedding``, ``SimpleRNN``, ``LSTM`` and ``GRU``, with built-in activations given
by name: a ``Lambda`` layer or a layer class of your own is rejected (the grader
never runs code from a model). ``Sequential``, ``Sequential.add`` and the
functional API (``keras.Model(inputs, outputs)``) are all fine.

To try these models on real data at home, Keras downloads the classic data sets:
``keras.datasets.fashion_mnist.load_data()`` (28x28 photos of clothes: try
``build_regularized_mlp`` and a CNN on them, with pixels divided by 255.0 and
``x[..., None]`` for the channel axis) and ``keras.datasets.imdb.load_data(
num_words=10000)`` (film reviews as token ids, labelled positive or negative: cut
them to one length with ``keras.utils.pad_sequences`` and try
``build_sequence_classifier(10000)``). The grader downloads nothing: it uses the
8x8 digits, a generated token task and a temperature series shipped with it.

Replace each ``raise NotImplementedError(...)`` line with your code; keep the
names and the signatures. Check your work with::

    autograde check keras_deep
"""

from __future__ import annotations

from typing import Sequence

import keras
import numpy as np
from numpy.typing import ArrayLike


def build_cnn_classifier(input_shape: Sequence[int] = (8, 8, 1), num_classes: int = 10) -> keras.Model:
    """A convolutional neural network (합성곱 신경망) that classifies images; return it compiled.

    Layers, in this order, after ``keras.Input(shape=input_shape)``:

    1. ``Conv2D(16, 3, padding="same", activation="relu")``: 16 filters of 3x3;
    2. ``MaxPooling2D(2)``: max pooling (최대 풀링) of 2x2 blocks;
    3. ``Flatten()``;
    4. ``Dense(num_classes, activation="softmax")``.

    ``compile`` with the optimizer Adam, the loss ``"sparse_categorical_crossentropy"``
    (integer labels) and the metric ``"accuracy"``.

    With the defaults: ``Conv2D`` has ``3 * 3 * 1 * 16 + 16 = 160`` parameters, its
    output is 8x8x16, pooling makes it 4x4x16 = 256 numbers, and ``Dense(10)`` has
    ``256 * 10 + 10 = 2,570``. With ``input_shape=(28, 28, 1)`` (Fashion-MNIST) the
    ``Conv2D`` still has 160 but ``Dense(10)`` sees 14x14x16 = 3,136 numbers:
    31,370 parameters.

    >>> model = build_cnn_classifier()
    >>> [layer.count_params() for layer in model.layers]
    [160, 0, 0, 2570]

    Pitfalls:

    - ``padding`` defaults to ``"valid"``: 8x8 -> 6x6 -> 3x3x16 = 144 numbers and a
      ``Dense(10)`` of 1,450 parameters instead of 2,570.
    - Without ``Flatten``, ``Dense`` works on the last axis only (the 16 channels of
      each of the 4x4 positions) and the model outputs ``(4, 4, 10)`` per image.
    - The output needs ``activation="softmax"``: without it the model outputs raw
      scores, not probabilities, and the loss is computed on the wrong numbers.
    """
    raise NotImplementedError("build_cnn_classifier is not written yet: replace this line with your code")


def train_digits_cnn(x_train: ArrayLike, y_train: ArrayLike) -> keras.Model:
    """Build, compile and train a CNN that classifies 8x8 images of digits; return the
    trained model.

    The grader passes ``x_train`` float64 ``(1397, 8, 8, 1)`` (images, channels
    last) with pixels in ``[0, 1]`` and ``y_train`` integer labels 0-9. It keeps 400
    other digits back (the same 400 for everyone) and requires your model to classify
    at least 95% of them correctly. The model must contain at least one ``Conv2D``
    layer and output 10 scores per image.

    ``build_cnn_classifier()`` trained with ``keras.optimizers.Adam(learning_rate=0.01)``
    (compile again: Adam's default 0.001 learns too slowly for so few steps) for 15
    epochs of mini-batches of 128 (``model.fit(x, y, epochs=15, batch_size=128,
    verbose=0)``) classifies 98.1% of the held-out digits (median; 97.0% at worst
    over 50 seeds) in about 1.5 s.

    Keep the training to a few seconds: the grader stops the test after 60 seconds.

    Pitfalls:

    - The images must keep their channel axis: ``(n, 8, 8, 1)``. ``Conv2D`` refuses
      ``(n, 8, 8)`` ("expected ndim=4").
    - ``model.fit(x, y)`` alone trains for one epoch: far too little.
    - Do not change ``x_train`` or ``y_train`` (the grader checks; ``fit`` shuffles by
      itself).
    """
    raise NotImplementedError("train_digits_cnn is not written yet: replace this line with your code")


def build_regularized_mlp(
    input_shape: Sequence[int] = (28, 28),
    num_classes: int = 10,
    dropout: float = 0.3,
    l2: float = 1e-4,
) -> keras.Model:
    """A multi-layer perceptron with three remedies against overfitting (과적합); return
    it compiled.

    Layers, in this order, after ``keras.Input(shape=input_shape)``:

    1. ``Flatten()``;
    2. ``Dense(128, activation="relu", kernel_regularizer=keras.regularizers.L2(l2))``:
       L2 regularisation (L2 규제, weight decay 가중치 감쇠) of this layer's weights;
    3. ``BatchNormalization()`` (배치 정규화);
    4. ``Dropout(dropout)`` (드롭아웃);
    5. ``Dense(num_classes, activation="softmax")``, with no regulariser.

    ``compile`` with Adam, ``"sparse_categorical_crossentropy"`` and ``"accuracy"``.

    With the defaults: ``Dense(128)`` has ``784 * 128 + 128 = 100,480`` parameters,
    ``BatchNormalization`` ``4 * 128 = 512`` (256 trained: gamma and beta; 256 not:
    the moving mean and variance), ``Dropout`` none, ``Dense(10)``
    ``128 * 10 + 10 = 1,290``: 102,282 in all.

    >>> build_regularized_mlp().count_params()
    102282

    Pitfalls:

    - ``keras.regularizers.L2(l2)`` goes to the hidden ``Dense``'s
      ``kernel_regularizer`` (its weights), not to the output layer, and
      ``activity_regularizer`` is something else (it penalises the outputs).
    - The order matters: ``Dropout`` comes after the hidden layer (and its batch
      normalisation). Dropout straight on the pixels, before the first ``Dense``,
      throws away input instead.
    - Use the arguments: ``Dropout(dropout)`` and ``L2(l2)``, not 0.3 and 1e-4 written
      in.
    """
    raise NotImplementedError("build_regularized_mlp is not written yet: replace this line with your code")


def build_sequence_classifier(vocab_size: int, num_classes: int = 2, embed_dim: int = 16,
                              units: int = 32) -> keras.Model:
    """A recurrent network (순환 신경망) that classifies sequences of token ids; return it
    compiled.

    Layers, in this order, after ``keras.Input(shape=(None,))`` (sequences of any
    length; ``keras.Input(shape=(None,), dtype="int32")`` says that they hold
    integers, and either is accepted):

    1. ``Embedding(vocab_size, embed_dim)``: ``(n, T)`` ids -> ``(n, T, embed_dim)``
       vectors. ``vocab_size`` is the number of different ids: ids ``0 ..
       vocab_size - 1``;
    2. ``LSTM(units)``: ``(n, T, embed_dim)`` -> ``(n, units)``, the last hidden state
       (은닉 상태);
    3. ``Dense(num_classes, activation="softmax")``.

    ``compile`` with Adam, ``"sparse_categorical_crossentropy"`` and ``"accuracy"``.

    Parameters with ``vocab_size=20`` and the defaults: ``Embedding``
    ``20 * 16 = 320``, ``LSTM`` ``4 * (32 * (16 + 32) + 32) = 6,272``, ``Dense(2)``
    ``32 * 2 + 2 = 66``.

    >>> [layer.count_params() for layer in build_sequence_classifier(20).layers]
    [320, 6272, 66]

    Pitfalls:

    - ``Embedding(vocab_size - 1, ...)`` is one row short: the largest id,
      ``vocab_size - 1``, has no vector (an error on the CPU, silently zeros on a
      GPU).
    - ``LSTM(units, return_sequences=True)`` returns ``(n, T, units)``: the ``Dense``
      after it would then classify every time step, ``(n, T, num_classes)``, instead
      of the whole sequence.
    - No ``Flatten`` is needed: ``LSTM`` already returns one vector per sequence.
    """
    raise NotImplementedError("build_sequence_classifier is not written yet: replace this line with your code")


def train_sequence_classifier(x_train: ArrayLike, y_train: ArrayLike, vocab_size: int) -> keras.Model:
    """Build, compile and train a recurrent classifier of token sequences; return the
    trained model.

    The grader passes 2,000 generated sequences (``autograde.datasets.make_token_order``):
    ``x_train`` int64 ``(2000, 12)`` of token ids in ``1 .. 19`` (``vocab_size=20``;
    the id 0 is never used), ``y_train`` labels 0/1. Every sequence holds the tokens
    1 and 2 once each among 10 random filler tokens; the label is 1 when 1 comes
    before 2. Both classes contain the same tokens, so a model that only sees which
    tokens occur (a "bag of words", e.g. ``Embedding`` + ``GlobalAveragePooling1D`` +
    ``Dense``) is right about half of the time: the model has to read the tokens in
    order. It must contain a recurrent layer (``SimpleRNN``, ``LSTM`` or ``GRU``) and
    classify at least 90% of 500 held-out sequences of the same task correctly.

    ``build_sequence_classifier(vocab_size)`` trained with
    ``keras.optimizers.Adam(learning_rate=0.01)`` for 4 epochs of mini-batches of 128
    classifies 100% of the held-out sequences (under each of 30 seeds) in about
    2 s; the bag of words above, trained for 20 epochs, stays at 50% (46% to 53%
    over 30 seeds).

    Pitfalls:

    - Use ``vocab_size`` for the ``Embedding``'s ``input_dim`` (see
      ``build_sequence_classifier``).
    - Keras' default learning rate 0.001 needs many more epochs here.
    - Do not change ``x_train`` or ``y_train``.
    """
    raise NotImplementedError("train_sequence_classifier is not written yet: replace this line with your code")


def make_windows(series: ArrayLike, window: int, horizon: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Cut a series into input windows (윈도) and the values to forecast (시계열 예측).

    Returns ``(X, y)``, float64, with ``n = len(series) - window - horizon + 1`` rows:

    - ``X[t] = series[t : t + window]``: ``window`` consecutive values, shape
      ``(n, window)``;
    - ``y[t] = series[t + window + horizon - 1]``: the value ``horizon`` steps after
      the window's last one, shape ``(n,)``. ``horizon=1`` is the very next value.

    >>> X, y = make_windows(np.array([10.0, 11.0, 12.0, 13.0, 14.0, 15.0]), window=3)
    >>> X
    array([[10., 11., 12.],
           [11., 12., 13.],
           [12., 13., 14.]])
    >>> y
    array([13., 14., 15.])
    >>> X, y = make_windows(np.array([10.0, 11.0, 12.0, 13.0, 14.0, 15.0]), window=3, horizon=2)
    >>> X
    array([[10., 11., 12.],
           [11., 12., 13.]])
    >>> y
    array([14., 15.])

    ``series`` is one-dimensional (a list or array of numbers). ``window`` and
    ``horizon`` must be at least 1, else ``ValueError``. A series of exactly
    ``window + horizon - 1`` values has no complete window: ``X`` of shape
    ``(0, window)`` and ``y`` of shape ``(0,)``; a shorter one raises ``ValueError``.
    ``X`` and ``y`` are new arrays: changing them leaves ``series`` as it was. A Keras
    recurrent layer wants ``(n, window, 1)``: give it ``X[..., None]``.

    Pitfalls:

    - Off by one: ``y[t] = series[t + window]`` is the value right after the window
      (``horizon=1``); ``series[t + window - 1]`` is the window's own last value: a
      model trained on it only learns to copy its input, and its "forecast" is always
      a day late.
    - ``len(series) - window`` rows is one too few for ``horizon=1``: the last window
      ends at ``series[-2]`` and forecasts ``series[-1]``.
    - A Python loop over ``t`` works, but ``np.lib.stride_tricks.sliding_window_view``
      does it at once (copy its result: it is a read-only view of ``series``).
    """
    raise NotImplementedError("make_windows is not written yet: replace this line with your code")


def build_forecaster(window: int, units: int = 32) -> keras.Model:
    """An LSTM that forecasts the next value of a series from its last ``window``
    values; return it compiled.

    Layers, after ``keras.Input(shape=(window, 1))`` (``window`` time steps of one
    feature):

    1. ``LSTM(units)``: ``(n, window, 1)`` -> ``(n, units)``;
    2. ``Dense(1)`` with no activation: the forecast, any real number.

    ``compile`` with Adam, the loss mean squared error (``"mean_squared_error"`` or
    ``"mse"``) and the metric mean absolute error (``"mean_absolute_error"`` or
    ``"mae"``).

    With ``units=32``: ``LSTM`` ``4 * (32 * (1 + 32) + 32) = 4,352`` parameters (the
    window's length does not change them), ``Dense(1)`` ``32 + 1 = 33``.

    >>> [layer.count_params() for layer in build_forecaster(14).layers]
    [4352, 33]

    Pitfalls:

    - No activation on the output: ``relu`` cannot forecast a value below 0 (a
      standardised temperature below average, or a frost), ``sigmoid`` nothing
      outside 0..1.
    - The input is ``(window, 1)``, not ``(window,)``: a recurrent layer needs a
      feature axis after the time axis.
    """
    raise NotImplementedError("build_forecaster is not written yet: replace this line with your code")


def train_forecaster(X_train: ArrayLike, y_train: ArrayLike) -> keras.Model:
    """Build, compile and train a forecaster of the next day's maximum temperature;
    return the trained model.

    The data: Seattle's daily maximum temperature 2012-2015
    (``autograde.datasets.load_seattle_temperatures``), standardised by the grader
    with the mean and standard deviation of 2012-2014 (so about 0 on an average day
    and 1 one standard deviation, about 7 degC, warmer), cut by its own windowing
    (as ``make_windows(series, 14)``) into windows of 14 days. The grader passes
    the 1,082 windows whose target day is in 2012-2014: ``X_train`` float64
    ``(1082, 14, 1)`` and ``y_train`` ``(1082,)``, the next day's standardised
    temperature. It keeps the 365 windows whose target is in 2015 back and requires
    that your model's mean absolute error (평균 절대 오차) on them be at most 0.6 times
    the error of always predicting the mean of ``y_train`` (that constant forecast
    scores 1.0 on this ratio; simply repeating yesterday's temperature scores 0.37).

    ``build_forecaster(14)`` trained with ``keras.optimizers.Adam(learning_rate=0.01)``
    for 6 epochs of mini-batches of 128 reaches an error ratio of 0.39 (median;
    0.41 at worst over 30 seeds) in about 2 s. Take the window length
    from ``X_train.shape[1]``.

    Pitfalls:

    - ``Dense(1, activation="relu")`` cannot forecast a below-average (negative)
      standardised temperature.
    - Mean squared error is the loss; the mean absolute error is what the grader
      measures, in the same standardised units.
    - Do not change ``X_train`` or ``y_train``.
    """
    raise NotImplementedError("train_forecaster is not written yet: replace this line with your code")
