"""A validated model's outputs, computed in NumPy: Keras' inference, layer by layer.

Inference mode throughout: ``Dropout`` passes values through, ``BatchNormalization`` uses
its moving mean and variance. Masks travel as Keras' do: ``Embedding(mask_zero=True)``
marks the ids 0 as padding; ``Dense``, ``Dropout`` and ``BatchNormalization`` pass the mask
on; a recurrent layer skips masked steps (its state and output stay as they were, or the
output is zero with ``zero_output_for_mask``) and keeps the mask only with
``return_sequences``; ``GlobalAveragePooling1D`` averages the unmasked steps; ``Flatten``
and the 2-D layers drop it. Images are ``channels_last``: ``(n, height, width, channels)``.

``tests/test_models.py`` holds each layer kind and whole models to Keras' ``predict`` on
random weights.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Callable

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

if TYPE_CHECKING:
    from autograde.models import LayerSpec, ModelSpec

Mask = "np.ndarray | None"  # (n, T) booleans: True where a step is real, not padding


def predict(spec: ModelSpec, x: np.ndarray) -> np.ndarray:
    """The model's outputs for ``x``, computed here in NumPy from the validated spec.

    Needs no TensorFlow, so measuring a trained model costs milliseconds instead of a 4 s
    import. Raises ``ValueError`` when the weights do not fit the layers or the input does
    not fit the model (token ids outside an ``Embedding``, an image where a sequence is due).
    """
    out = np.asarray(x, dtype=np.float64)
    mask = None
    for layer in spec.layers:
        out, mask = _FORWARD[layer.cls](layer, out, mask)
    return out


def _weights(layer: LayerSpec, *shapes: tuple[int, ...]) -> tuple[np.ndarray, ...]:
    """The layer's weights as float64, after checking they have exactly ``shapes``."""
    got = [w.shape for w in layer.weights]
    if got != [tuple(s) for s in shapes]:
        raise ValueError(f"the weights of {layer.name} have shapes {got}, which do not fit a {layer.describe()} "
                         f"layer on these inputs: it has {[tuple(s) for s in shapes]}")
    return tuple(np.asarray(w, dtype=np.float64) for w in layer.weights)


def _rank(layer: LayerSpec, x: np.ndarray, rank: int, what: str) -> None:
    if x.ndim != rank:
        raise ValueError(f"{layer.name} ({layer.cls}) takes {what}; it receives an array of shape {x.shape}")


def _bias(layer: LayerSpec, *core: tuple[int, ...], bias: tuple[int, ...]) -> tuple[np.ndarray, ...]:
    """Core weights of ``core`` shapes plus a bias of shape ``bias`` (zeros with use_bias=False)."""
    if layer.use_bias:
        return _weights(layer, *core, bias)
    return (*_weights(layer, *core), np.zeros(bias))


def _input(layer: LayerSpec, x: np.ndarray, mask: Mask) -> tuple[np.ndarray, Mask]:
    return x, mask


def _flatten(layer: LayerSpec, x: np.ndarray, mask: Mask) -> tuple[np.ndarray, Mask]:
    return x.reshape(len(x), -1), None


def _dense(layer: LayerSpec, x: np.ndarray, mask: Mask) -> tuple[np.ndarray, Mask]:
    units = layer.units or 0
    kernel, bias = _bias(layer, (x.shape[-1], units), bias=(units,))
    return _activate(layer.activation)(x @ kernel + bias), mask


def _dropout(layer: LayerSpec, x: np.ndarray, mask: Mask) -> tuple[np.ndarray, Mask]:
    return x, mask  # inference: dropout is off


def _pad(x: np.ndarray, window: tuple[int, int], strides: tuple[int, int], padding: str,
         fill: float) -> np.ndarray:
    """``x`` (n, H, W, C) padded as TensorFlow pads for ``padding="same"``: the output has
    ``ceil(size / stride)`` cells and the extra cell of an odd padding goes after."""
    if padding == "valid":
        return x
    widths = [(0, 0)]
    for size, k, s in zip(x.shape[1:3], window, strides):
        total = max((math.ceil(size / s) - 1) * s + k - size, 0)
        widths.append((total // 2, total - total // 2))
    return np.pad(x, widths + [(0, 0)], constant_values=fill)


def _windows(x: np.ndarray, window: tuple[int, int], strides: tuple[int, int]) -> np.ndarray:
    """(n, OH, OW, C, kh, kw): every window of the padded ``x`` at the strides' steps."""
    if x.shape[1] < window[0] or x.shape[2] < window[1]:
        raise ValueError(f"a {window[0]}x{window[1]} window does not fit an input of {x.shape[1]}x{x.shape[2]}")
    return sliding_window_view(x, window, axis=(1, 2))[:, ::strides[0], ::strides[1]]


def _conv2d(layer: LayerSpec, x: np.ndarray, mask: Mask) -> tuple[np.ndarray, Mask]:
    _rank(layer, x, 4, "images of shape (n, height, width, channels)")
    c = layer.config
    (kh, kw), filters = c["kernel_size"], c["filters"]
    kernel, bias = _bias(layer, (kh, kw, x.shape[-1], filters), bias=(filters,))
    windows = _windows(_pad(x, (kh, kw), c["strides"], c["padding"], 0.0), (kh, kw), c["strides"])
    n, oh, ow = windows.shape[:3]
    columns = windows.reshape(n * oh * ow, -1)  # each row in (channel, ki, kj) order
    out = columns @ kernel.transpose(2, 0, 1, 3).reshape(columns.shape[1], filters) + bias
    return _activate(layer.activation)(out.reshape(n, oh, ow, filters)), None


def _max_pool(layer: LayerSpec, x: np.ndarray, mask: Mask) -> tuple[np.ndarray, Mask]:
    _rank(layer, x, 4, "images of shape (n, height, width, channels)")
    c = layer.config
    _weights(layer)
    padded = _pad(x, c["pool_size"], c["strides"], c["padding"], -np.inf)
    return _windows(padded, c["pool_size"], c["strides"]).max(axis=(-2, -1)), None


def _average_pool(layer: LayerSpec, x: np.ndarray, mask: Mask) -> tuple[np.ndarray, Mask]:
    _rank(layer, x, 4, "images of shape (n, height, width, channels)")
    c = layer.config
    _weights(layer)
    size, strides = c["pool_size"], c["strides"]
    total = _windows(_pad(x, size, strides, c["padding"], 0.0), size, strides).sum(axis=(-2, -1))
    # TensorFlow averages over the cells inside the image only: padding does not count.
    cells = _windows(_pad(np.ones((1, *x.shape[1:3], 1)), size, strides, c["padding"], 0.0), size, strides)
    return total / cells.sum(axis=(-2, -1)), None


def _global_average_1d(layer: LayerSpec, x: np.ndarray, mask: Mask) -> tuple[np.ndarray, Mask]:
    _rank(layer, x, 3, "sequences of shape (n, steps, features)")
    _weights(layer)
    keep = np.ones(x.shape[:2]) if mask is None else mask.astype(np.float64)
    out = (x * keep[..., None]).sum(axis=1, keepdims=True) / keep.sum(axis=1)[:, None, None]
    return (out if layer.config["keepdims"] else out[:, 0]), None


def _global_average_2d(layer: LayerSpec, x: np.ndarray, mask: Mask) -> tuple[np.ndarray, Mask]:
    _rank(layer, x, 4, "images of shape (n, height, width, channels)")
    _weights(layer)
    return x.mean(axis=(1, 2), keepdims=layer.config["keepdims"]), None


def _batch_norm(layer: LayerSpec, x: np.ndarray, mask: Mask) -> tuple[np.ndarray, Mask]:
    c = layer.config
    axis = c.get("axis", -1)
    axis = axis[0] if isinstance(axis, (list, tuple)) and len(axis) == 1 else axis
    if axis not in (-1, x.ndim - 1):
        raise ValueError(f"{layer.name} normalises axis {axis}; the grader computes batch normalisation over the "
                         f"last axis only")
    features = (x.shape[-1],)
    shapes = [features] * (int(c["scale"]) + int(c["center"]) + 2)
    weights = list(_weights(layer, *shapes))
    gamma = weights.pop(0) if c["scale"] else np.ones(features)
    beta = weights.pop(0) if c["center"] else np.zeros(features)
    moving_mean, moving_variance = weights
    return (x - moving_mean) / np.sqrt(moving_variance + c["epsilon"]) * gamma + beta, mask


def _embedding(layer: LayerSpec, x: np.ndarray, mask: Mask) -> tuple[np.ndarray, Mask]:
    c = layer.config
    (table,) = _weights(layer, (c["input_dim"], c["output_dim"]))
    if x.size and not np.array_equal(x, np.round(x)):
        raise ValueError(f"{layer.name} (Embedding) takes whole-number token ids; it receives fractions")
    ids = x.astype(np.int64)
    if ids.size and (ids.min() < 0 or ids.max() >= c["input_dim"]):
        raise ValueError(f"{layer.name} is Embedding(input_dim={c['input_dim']}): token ids must be in 0 .. "
                         f"{c['input_dim'] - 1}, and it receives ids from {ids.min()} to {ids.max()}")
    return table[ids], (ids != 0) if c["mask_zero"] else None


Step = Callable[[np.ndarray, list[np.ndarray]], list[np.ndarray]]


def _recurrent(layer: LayerSpec, x: np.ndarray, mask: Mask) -> tuple[np.ndarray, Mask]:
    """Run the layer's step over the time axis; the first state array is the output."""
    _rank(layer, x, 3, "sequences of shape (n, steps, features)")
    n, steps, _ = x.shape
    step, size = _STEPS[layer.cls](layer, x.shape[-1])
    state = [np.zeros((n, layer.units or 0)) for _ in range(size)]
    outputs = []
    for t in range(steps):
        new = step(x[:, t], state)
        if mask is None:
            state, output = new, new[0]
        else:
            real = mask[:, t, None]
            state = [np.where(real, a, b) for a, b in zip(new, state)]
            output = np.where(real, new[0], 0.0) if layer.config["zero_output_for_mask"] else state[0]
        outputs.append(output)
    if layer.config["return_sequences"]:
        return np.stack(outputs, axis=1) if outputs else np.zeros((n, 0, layer.units or 0)), mask
    return (outputs[-1] if outputs else state[0]), None


def _simple_rnn(layer: LayerSpec, features: int) -> tuple[Step, int]:
    units = layer.units or 0
    kernel, recurrent, bias = _bias(layer, (features, units), (units, units), bias=(units,))
    act = _activate(layer.activation)

    def step(x: np.ndarray, state: list[np.ndarray]) -> list[np.ndarray]:
        return [act(x @ kernel + state[0] @ recurrent + bias)]

    return step, 1


def _lstm(layer: LayerSpec, features: int) -> tuple[Step, int]:
    units = layer.units or 0
    kernel, recurrent, bias = _bias(layer, (features, 4 * units), (units, 4 * units), bias=(4 * units,))
    act, gate = _activate(layer.activation), _activate(layer.config["recurrent_activation"])

    def step(x: np.ndarray, state: list[np.ndarray]) -> list[np.ndarray]:
        h, c = state
        i, f, g, o = np.split(x @ kernel + h @ recurrent + bias, 4, axis=-1)  # Keras' order: i, f, c, o
        c = gate(f) * c + gate(i) * act(g)
        return [gate(o) * act(c), c]

    return step, 2


def _gru(layer: LayerSpec, features: int) -> tuple[Step, int]:
    units = layer.units or 0
    after = layer.config["reset_after"]
    kernel, recurrent, bias = _bias(layer, (features, 3 * units), (units, 3 * units),
                                    bias=(2, 3 * units) if after else (3 * units,))
    input_bias, recurrent_bias = (bias[0], bias[1]) if after else (bias, np.zeros(3 * units))
    act, gate = _activate(layer.activation), _activate(layer.config["recurrent_activation"])

    def step(x: np.ndarray, state: list[np.ndarray]) -> list[np.ndarray]:
        (h,) = state
        xz, xr, xh = np.split(x @ kernel + input_bias, 3, axis=-1)  # Keras' order: update z, reset r, candidate
        if after:  # the reset gate scales the recurrent term after the matrix product (Keras' default)
            hz, hr, hh = np.split(h @ recurrent + recurrent_bias, 3, axis=-1)
            z, r = gate(xz + hz), gate(xr + hr)
            candidate = act(xh + r * hh)
        else:
            z = gate(xz + h @ recurrent[:, :units])
            r = gate(xr + h @ recurrent[:, units:2 * units])
            candidate = act(xh + (r * h) @ recurrent[:, 2 * units:])
        return [z * h + (1 - z) * candidate]

    return step, 1


_STEPS: dict[str, Callable[[LayerSpec, int], tuple[Step, int]]] = {
    "SimpleRNN": _simple_rnn, "LSTM": _lstm, "GRU": _gru,
}

_FORWARD: dict[str, Callable[[LayerSpec, np.ndarray, Mask], tuple[np.ndarray, Mask]]] = {
    "InputLayer": _input,
    "Flatten": _flatten,
    "Dense": _dense,
    "Dropout": _dropout,
    "Conv2D": _conv2d,
    "MaxPooling2D": _max_pool,
    "AveragePooling2D": _average_pool,
    "GlobalAveragePooling1D": _global_average_1d,
    "GlobalAveragePooling2D": _global_average_2d,
    "BatchNormalization": _batch_norm,
    "Embedding": _embedding,
    "SimpleRNN": _recurrent,
    "LSTM": _recurrent,
    "GRU": _recurrent,
}


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


_SELU = (1.6732632423543772, 1.0507009873554805)
_ACTIVATE: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "linear": lambda z: z,
    "relu": lambda z: np.maximum(z, 0.0),
    "sigmoid": _sigmoid,
    "softmax": _softmax,
    "tanh": np.tanh,
    "elu": lambda z: np.where(z > 0, z, np.expm1(np.minimum(z, 0))),
    "selu": lambda z: _SELU[1] * np.where(z > 0, z, _SELU[0] * np.expm1(np.minimum(z, 0))),
    "softplus": lambda z: np.logaddexp(0.0, z),
    "gelu": lambda z: 0.5 * z * (1 + np.vectorize(math.erf)(z / math.sqrt(2))),
    "leaky_relu": lambda z: np.where(z > 0, z, 0.2 * z),  # Keras' default negative_slope
    "silu": lambda z: z * _sigmoid(z),
}


def _activate(name: str | None) -> Callable[[np.ndarray], np.ndarray]:
    return _ACTIVATE[name or "linear"]
