"""Keras models, graded as data.

A model built or trained in the learner's child comes back as a plain description
(:mod:`autograde.sandbox.keras_models`): layers with their class, settings, parameter counts
and weights; the input shape; the compile settings. :func:`read` validates it against an
allowlist of built-in layers and activations and returns a frozen :class:`ModelSpec`.
To measure a model on data the child never sees, :func:`predict` computes its outputs
here in NumPy from the validated layers and weights; where a grader needs a live Keras
model (to train it further), :func:`build` constructs one itself from the validated spec.

The grader never hands anything a learner produced to Keras' deserialisers
(``model_from_json``, ``load_model``, ``from_config``): two 2025 CVEs ran code from a
model config even in safe mode. A ``Lambda`` or custom layer is a clear failure and is
never executed here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from autograde.compare import fail
from autograde.i18n.text import say
from autograde.sandbox.keras_models import MARK

LAYERS = {"InputLayer", "Flatten", "Dense", "Dropout"}
ACTIVATIONS = {"linear", "relu", "sigmoid", "softmax", "tanh", "elu", "selu", "softplus", "gelu", "leaky_relu", "silu"}

# Keras accepts several spellings of one loss or metric; graders compare canonical names.
ALIASES = {
    "mse": "mean_squared_error",
    "mae": "mean_absolute_error",
    "acc": "accuracy",
    "sparse_categorical_accuracy": "accuracy",  # what "accuracy" means for integer labels
}
# TensorFlow's own functions carry other names (tf.nn.softmax is "softmax_v2").
ACTIVATION_ALIASES = {"softmax_v2": "softmax", "swish": "silu"}


@dataclass(frozen=True)
class LayerSpec:
    """One validated layer."""

    cls: str
    name: str
    units: int | None
    activation: str | None
    rate: float | None
    use_bias: bool
    params: int
    weights: tuple[np.ndarray, ...]


@dataclass(frozen=True)
class ModelSpec:
    """A validated model description."""

    cls: str
    built: bool
    input_shape: tuple[int | None, ...] | None
    layers: tuple[LayerSpec, ...]
    optimizer: str | None
    learning_rate: float | None
    loss: str | None
    metrics: tuple[str, ...]

    @property
    def compiled(self) -> bool:
        return self.optimizer is not None

    @property
    def params(self) -> int:
        return sum(layer.params for layer in self.layers)

    def layer_classes(self) -> list[str]:
        """Class names of the layers, ``InputLayer`` left out."""
        return [layer.cls for layer in self.layers if layer.cls != "InputLayer"]

    def summary(self) -> str:
        """A one-line picture for messages: ``Flatten -> Dense(100, relu) -> Dense(10, softmax)``."""
        parts = []
        for layer in self.layers:
            if layer.cls == "InputLayer":
                continue
            inner = ", ".join(str(x) for x in (layer.units, layer.activation, layer.rate) if x is not None)
            parts.append(f"{layer.cls}({inner})" if inner else layer.cls)
        return " -> ".join(parts) or "no layers"


def canonical(name: str | None) -> str | None:
    """``"MeanSquaredError"``, ``"mse"`` and ``"mean_squared_error"`` all become the last."""
    if name is None:
        return None
    if name.isupper():  # "MSE", "MAE"
        name = name.lower()
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower() if any(c.isupper() for c in name) else name
    return ALIASES.get(snake, snake)


def read(value: Any, *, call: str | None = None) -> ModelSpec:
    """Validate a learner's model description; fail the test with a clear message otherwise."""
    __tracebackhide__ = True
    if not (isinstance(value, dict) and value.get(MARK) == 1):
        fail(say("your function returned {type}, not a Keras model.", type=type(value).__name__), call=call,
             hint=say("Return the model object itself (for example the keras.Sequential you built)."))
    layers = []
    for i, raw in enumerate(_list(value.get("layers"), call)):
        layers.append(_layer(i, raw, call))
    shape = value.get("input_shape")
    compile_ = value.get("compile")
    compile_ = compile_ if isinstance(compile_, dict) else {}
    rate = compile_.get("learning_rate")
    metrics = compile_.get("metrics")
    return ModelSpec(
        cls=str(value.get("class")),
        built=bool(value.get("built")),
        input_shape=tuple(None if d is None else int(d) for d in shape) if isinstance(shape, list) else None,
        layers=tuple(layers),
        optimizer=_text(compile_.get("optimizer")),
        learning_rate=float(rate) if isinstance(rate, (int, float)) else None,
        loss=canonical(_text(compile_.get("loss"))),
        metrics=tuple(canonical(str(m)) or "" for m in metrics) if isinstance(metrics, list) else (),
    )


def _list(value: Any, call: str | None) -> list:
    if not isinstance(value, list):
        fail(say("the model description is malformed (no list of layers)."), call=call)
    return value


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _layer(i: int, raw: Any, call: str | None) -> LayerSpec:
    __tracebackhide__ = True
    if not isinstance(raw, dict):
        fail(say("layer {index} of the model description is malformed.", index=i), call=call)
    cls, module = str(raw.get("class")), str(raw.get("module"))
    if cls not in LAYERS or not module.startswith("keras."):
        what = (say("a Lambda layer") if cls == "Lambda"
                else say("a layer of class {cls} (from {module})", cls=cls, module=module))
        fail(say("layer {index} of your model is {what}. The grader accepts only Keras' built-in layers {layers}, and "
                 "never runs custom layer code.", index=i, what=what, layers=", ".join(sorted(LAYERS))), call=call,
             hint=say("Build the model from built-in layers only: keras.layers.Flatten, Dense, Dropout."))
    settings = raw.get("settings") if isinstance(raw.get("settings"), dict) else {}
    activation = settings.get("activation")
    activation = ACTIVATION_ALIASES.get(activation, activation) if isinstance(activation, str) else activation
    if activation is not None and activation not in ACTIVATIONS:
        fail(say("layer {index} ({cls}) uses the activation {activation}, which is not a built-in one the grader "
                 "accepts ({accepted}).", index=i, cls=cls, activation=repr(activation),
                 accepted=", ".join(sorted(ACTIVATIONS))), call=call)
    weights = raw.get("weights") if isinstance(raw.get("weights"), list) else []
    if not all(isinstance(w, np.ndarray) and w.dtype.kind == "f" for w in weights):
        fail(say("layer {index} ({cls}) has weights that are not float arrays.", index=i, cls=cls), call=call)
    units = settings.get("units")
    rate = settings.get("rate")
    return LayerSpec(
        cls=cls,
        name=str(raw.get("name")),
        units=int(units) if isinstance(units, int) and not isinstance(units, bool) else None,
        activation=activation,
        rate=float(rate) if isinstance(rate, (int, float)) and not isinstance(rate, bool) else None,
        use_bias=bool(settings.get("use_bias", True)),
        params=sum(int(w.size) for w in weights),
        weights=tuple(weights),
    )


def predict(spec: ModelSpec, x: np.ndarray) -> np.ndarray:
    """The model's outputs for ``x``, computed here in NumPy from the validated spec.

    Inference only (``Dropout`` passes values through). Needs no TensorFlow, so measuring
    a trained model costs milliseconds instead of a 4 s import. Raises ``ValueError``
    when the weights do not fit the layers.
    """
    out = np.asarray(x, dtype=np.float64)
    for layer in spec.layers:
        if layer.cls == "Flatten":
            out = out.reshape(len(out), -1)
        elif layer.cls == "Dense":
            kernel = layer.weights[0] if layer.weights else None
            bias = layer.weights[1] if layer.use_bias and len(layer.weights) > 1 else np.zeros(layer.units or 0)
            if kernel is None or kernel.shape != (out.shape[-1], layer.units) or bias.shape != (layer.units,):
                raise ValueError(f"the weights of {layer.name} do not fit a Dense({layer.units}) layer on inputs "
                                 f"with {out.shape[-1]} features")
            out = _ACTIVATE[layer.activation or "linear"](out @ kernel + bias)
    return out


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


def build(spec: ModelSpec) -> Any:
    """A Keras model made here from ``spec`` (validated), with its weights set.

    Raises ``ValueError`` when the weights do not fit the layers they claim to belong to.
    """
    import keras  # only graders of Keras exercises pay for the import

    if spec.input_shape is None:
        raise ValueError("the model was never built, so it has no input shape and no weights")
    layers: list[Any] = [keras.Input(shape=spec.input_shape[1:])]
    for layer in spec.layers:
        if layer.cls == "Flatten":
            layers.append(keras.layers.Flatten())
        elif layer.cls == "Dense":
            layers.append(keras.layers.Dense(layer.units, activation=layer.activation, use_bias=layer.use_bias))
        elif layer.cls == "Dropout":
            layers.append(keras.layers.Dropout(layer.rate or 0.0))
    model = keras.Sequential(layers)
    built = [layer for layer in spec.layers if layer.cls != "InputLayer"]
    for made, layer in zip(model.layers, built):
        expected = [w.shape for w in made.get_weights()]
        if [w.shape for w in layer.weights] != expected:
            raise ValueError(f"the weights of {layer.name} have shapes {[w.shape for w in layer.weights]}, "
                             f"expected {expected}")
        made.set_weights(list(layer.weights))
    return model
