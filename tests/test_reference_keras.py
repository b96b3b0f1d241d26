"""The references of ``convolution`` and ``recurrent`` are right by an outside authority.

The graders compare learners with ``solutions/convolution.py`` and ``solutions/recurrent.py``;
here those references are compared with Keras itself: real ``keras.layers`` with the same
weights (NCHW images and ``(F, C, kh, kw)`` kernels transposed to Keras' NHWC and
``(kh, kw, C, F)``), and TensorFlow's automatic differentiation for the backward passes
(the gradient of ``sum(out * dout)``). Every Keras layer here computes in float64, so the
two agree to rounding.
"""

from __future__ import annotations

import importlib.util
from types import ModuleType

import numpy as np
import pytest

from conftest import ROOT

tf = pytest.importorskip("tensorflow", reason="TensorFlow is the keras extra: pip install -e '.[keras]'")
keras = pytest.importorskip("keras")

TOL = {"rtol": 1e-9, "atol": 1e-11}
F64 = {"dtype": "float64"}  # every layer's: a global floatx would depend on what ran before in the session


def _solution(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"reference_{name}", ROOT / "solutions" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def conv() -> ModuleType:
    return _solution("convolution")


@pytest.fixture(scope="module")
def rec() -> ModuleType:
    return _solution("recurrent")


def nhwc(x: np.ndarray) -> np.ndarray:
    return x.transpose(0, 2, 3, 1)


def nchw(x: np.ndarray) -> np.ndarray:
    return np.asarray(x).transpose(0, 3, 1, 2)


def _conv_layers(w: np.ndarray, b: np.ndarray, stride: int, pad: int) -> keras.Sequential:
    """Keras' Conv2D after zero padding: ``padding="same"`` cannot say every ``pad``."""
    F, C, kh, kw = w.shape
    conv = keras.layers.Conv2D(F, (kh, kw), strides=stride, padding="valid", **F64)
    model = keras.Sequential([keras.layers.ZeroPadding2D(pad, **F64), conv])
    model.build((None, None, None, C))
    conv.set_weights([w.transpose(2, 3, 1, 0), b])  # (F, C, kh, kw) -> (kh, kw, C, F)
    return model


CONV_CASES = [  # (N, C, H, W), (F, kh, kw), stride, pad
    ((2, 3, 7, 6), (4, 3, 2), 1, 0),
    ((3, 2, 9, 8), (5, 3, 3), 2, 1),
    ((1, 1, 8, 8), (3, 3, 3), 1, 1),
    ((2, 4, 6, 7), (2, 1, 2), 3, 2),
]


@pytest.mark.parametrize("shape, kernel, stride, pad", CONV_CASES, ids=str)
def test_conv2d_and_its_backward_agree_with_keras_conv2d(conv, shape, kernel, stride, pad):
    rng = np.random.default_rng(sum(shape) + stride + pad)
    x = rng.normal(size=shape)
    F, kh, kw = kernel
    w, b = rng.normal(size=(F, shape[1], kh, kw)), rng.normal(size=F)
    model = _conv_layers(w, b, stride, pad)
    xt = tf.Variable(nhwc(x))
    with tf.GradientTape() as tape:
        out = model(xt)
        dout = rng.normal(size=tuple(out.shape))
        total = tf.reduce_sum(out * dout)
    dx, dkernel, dbias = tape.gradient(total, [xt, *model.layers[-1].trainable_variables])
    np.testing.assert_allclose(conv.conv2d(x, w, b, stride=stride, pad=pad), nchw(out), **TOL)
    ours = conv.conv2d_backward(nchw(dout), x, w, stride=stride, pad=pad)
    np.testing.assert_allclose(ours[0], nchw(dx), **TOL)
    np.testing.assert_allclose(ours[1], np.asarray(dkernel).transpose(3, 2, 0, 1), **TOL)
    np.testing.assert_allclose(ours[2], np.asarray(dbias), **TOL)
    assert conv.conv_output_size(shape[2], kh, stride, pad) == out.shape[1]
    assert conv.conv_output_size(shape[3], kw, stride, pad) == out.shape[2]


def test_im2col_times_the_flattened_kernels_is_keras_conv2d(conv):
    rng = np.random.default_rng(5)
    x, w, b = rng.normal(size=(2, 3, 6, 5)), rng.normal(size=(4, 3, 3, 2)), rng.normal(size=4)
    out = nchw(_conv_layers(w, b, 2, 1)(nhwc(x)))
    columns = conv.im2col(x, 3, 2, stride=2, pad=1)
    N, F, OH, OW = out.shape
    assert columns.shape == (N * OH * OW, 3 * 3 * 2)
    np.testing.assert_allclose((columns @ w.reshape(F, -1).T + b).reshape(N, OH, OW, F).transpose(0, 3, 1, 2),
                               out, **TOL)


@pytest.mark.parametrize("size, stride", [(2, 2), (3, 2), (2, 1), (3, 3)])
def test_max_pooling_and_its_backward_agree_with_keras(conv, size, stride):
    rng = np.random.default_rng(size * 10 + stride)
    x = rng.normal(size=(2, 3, 7, 8))  # continuous values: no ties, where frameworks may differ
    xt = tf.Variable(nhwc(x))
    with tf.GradientTape() as tape:
        out = keras.layers.MaxPooling2D(size, strides=stride, **F64)(xt)
        dout = rng.normal(size=tuple(out.shape))
        total = tf.reduce_sum(out * dout)
    np.testing.assert_allclose(conv.max_pool2d(x, size=size, stride=stride), nchw(out), **TOL)
    np.testing.assert_allclose(conv.max_pool2d_backward(nchw(dout), x, size=size, stride=stride),
                               nchw(tape.gradient(total, xt)), **TOL)


def test_batch_normalisation_and_its_backward_agree_with_keras_in_training_mode(conv):
    rng = np.random.default_rng(11)
    x, gamma, beta = rng.normal(2.0, 3.0, size=(7, 5)), rng.normal(size=5), rng.normal(size=5)
    layer = keras.layers.BatchNormalization(epsilon=1e-3, **F64)
    layer.build((None, 5))
    layer.gamma.assign(gamma)
    layer.beta.assign(beta)
    xt = tf.Variable(x)
    dout = rng.normal(size=x.shape)
    with tf.GradientTape() as tape:
        total = tf.reduce_sum(layer(xt, training=True) * dout)
    out = layer(x, training=True)
    dx, dgamma, dbeta = tape.gradient(total, [xt, layer.gamma, layer.beta])
    np.testing.assert_allclose(conv.batchnorm_forward(x, gamma, beta, eps=1e-3), out, **TOL)
    ours = conv.batchnorm_backward(dout, x, gamma, eps=1e-3)
    for mine, theirs in zip(ours, (dx, dgamma, dbeta)):
        np.testing.assert_allclose(mine, np.asarray(theirs), **TOL)


# --------------------------------------------------------------------------- recurrent

N, T, D, H = 3, 5, 4, 6


def _lstm(rng: np.random.Generator, **options: object) -> tuple[keras.layers.LSTM, list[np.ndarray]]:
    layer = keras.layers.LSTM(H, **options, **F64)
    layer.build((None, None, D))
    weights = [rng.normal(0.0, 0.5, size=w.shape) for w in layer.get_weights()]  # kernel, recurrent_kernel, bias
    layer.set_weights(weights)
    return layer, weights


def test_lstm_step_is_one_step_of_keras_lstm_from_any_state(rec):
    rng = np.random.default_rng(1)
    layer, (Wx, Wh, b) = _lstm(rng, return_state=True)
    x, h0, c0 = rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    _, h, c = layer(x[:, None, :], initial_state=[h0, c0])
    ours = rec.lstm_step(x, h0, c0, Wx, Wh, b)
    np.testing.assert_allclose(ours[0], h, **TOL)
    np.testing.assert_allclose(ours[1], c, **TOL)


def test_lstm_forward_is_keras_lstm_with_return_sequences(rec):
    rng = np.random.default_rng(2)
    layer, (Wx, Wh, b) = _lstm(rng, return_sequences=True)
    xs = rng.normal(size=(N, T, D))
    zeros = np.zeros((N, H))
    hs = rec.lstm_forward(xs, zeros, zeros, Wx, Wh, b)
    np.testing.assert_allclose(hs, layer(xs), **TOL)
    last, _ = _lstm(rng)  # the contract's other sentence: hs[:, -1] is a plain LSTM's output
    last.set_weights([Wx, Wh, b])
    np.testing.assert_allclose(hs[:, -1], last(xs), **TOL)
    h0, c0 = rng.normal(size=(N, H)), rng.normal(size=(N, H))
    np.testing.assert_allclose(rec.lstm_forward(xs, h0, c0, Wx, Wh, b), layer(xs, initial_state=[h0, c0]), **TOL)


def test_rnn_forward_and_backward_agree_with_keras_simple_rnn(rec):
    rng = np.random.default_rng(3)
    layer = keras.layers.SimpleRNN(H, return_sequences=True, **F64)
    layer.build((None, None, D))
    Wx, Wh, b = rng.normal(0.0, 0.5, size=(D, H)), rng.normal(0.0, 0.5, size=(H, H)), rng.normal(size=H)
    layer.set_weights([Wx, Wh, b])
    xs, h0 = tf.Variable(rng.normal(size=(N, T, D))), tf.Variable(rng.normal(size=(N, H)))
    dhs = rng.normal(size=(N, T, H))
    with tf.GradientTape() as tape:
        hs = layer(xs, initial_state=[h0])
        total = tf.reduce_sum(hs * dhs)
    grads = tape.gradient(total, [xs, h0, *layer.trainable_variables])
    np.testing.assert_allclose(rec.rnn_forward(xs.numpy(), h0.numpy(), Wx, Wh, b), hs, **TOL)
    np.testing.assert_allclose(rec.rnn_step(xs.numpy()[:, 0], h0.numpy(), Wx, Wh, b), hs[:, 0], **TOL)
    ours = rec.rnn_backward(dhs, xs.numpy(), h0.numpy(), Wx, Wh, b)
    assert sorted(ours) == sorted(["xs", "h0", "Wx", "Wh", "b"])
    for key, theirs in zip(("xs", "h0", "Wx", "Wh", "b"), grads):
        np.testing.assert_allclose(ours[key], np.asarray(theirs), **TOL, err_msg=key)


def test_embedding_and_its_backward_agree_with_keras_embedding(rec):
    rng = np.random.default_rng(4)
    V, E = 7, 3
    layer = keras.layers.Embedding(V, E, **F64)
    layer.build((None, None))
    W = rng.normal(size=(V, E))
    layer.set_weights([W])
    ids = np.array([[1, 4, 1, 0], [6, 1, 4, 4]])  # repeated ids, and ids that never occur
    dout = rng.normal(size=ids.shape + (E,))
    with tf.GradientTape() as tape:
        total = tf.reduce_sum(layer(ids) * dout)
    dW = tf.convert_to_tensor(tape.gradient(total, layer.embeddings))  # an IndexedSlices, summed per id
    np.testing.assert_allclose(rec.embedding_forward(ids, W), layer(ids), **TOL)
    np.testing.assert_allclose(rec.embedding_backward(dout, ids, V), dW, **TOL)
