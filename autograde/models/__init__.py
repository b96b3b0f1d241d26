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
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

import numpy as np

from autograde.compare import fail
from autograde.i18n import N_
from autograde.i18n.text import say
from autograde.sandbox.keras_models import MARK

# The built-in layers a model may use, by the settings each is read with (anything else is refused).
LAYERS = {
    "InputLayer": (),
    "Flatten": (),
    "Dense": ("units",),
    "Dropout": ("rate",),
    "Conv2D": ("filters", "kernel_size", "strides", "padding"),
    "MaxPooling2D": ("pool_size", "strides", "padding"),
    "AveragePooling2D": ("pool_size", "strides", "padding"),
    "GlobalAveragePooling1D": ("keepdims",),
    "GlobalAveragePooling2D": ("keepdims",),
    "BatchNormalization": ("epsilon", "momentum", "center", "scale"),
    "Embedding": ("input_dim", "output_dim", "mask_zero"),
    "SimpleRNN": ("units", "return_sequences"),
    "LSTM": ("units", "return_sequences", "recurrent_activation"),
    "GRU": ("units", "return_sequences", "recurrent_activation", "reset_after"),
}
RECURRENT = ("SimpleRNN", "LSTM", "GRU")
# Settings the NumPy forward pass does not implement: a model must keep Keras' default.
UNSUPPORTED = {
    "data_format": "channels_last",
    "dilation_rate": [1, 1],
    "groups": 1,
    "return_state": False,
    "go_backwards": False,
    "stateful": False,
    "renorm": False,
}
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
    """One validated layer. ``config`` holds the settings of its kind (``LAYERS``), validated;
    ``regularizers`` maps ``"kernel_regularizer"`` and the like to ``(l1, l2)`` factors."""

    cls: str
    name: str
    units: int | None
    activation: str | None
    rate: float | None
    use_bias: bool
    params: int
    weights: tuple[np.ndarray, ...]
    config: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    regularizers: Mapping[str, tuple[float, float]] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def kernel_regularizer(self) -> tuple[float, float] | None:
        """``(l1, l2)`` of the kernel's regulariser, or None without one."""
        return self.regularizers.get("kernel_regularizer")

    def describe(self) -> str:
        """``Conv2D(16, 3x3, same, relu)``, ``Dense(128, relu, l2=0.0001)``, ``LSTM(32, sequences)``."""
        c = self.config
        inner: list[Any] = []
        if self.cls == "Conv2D":
            inner = [c["filters"], _size(c["kernel_size"]), c["padding"], self.activation]
            inner += [f"strides {_size(c['strides'])}"] if tuple(c["strides"]) != (1, 1) else []
        elif self.cls in ("MaxPooling2D", "AveragePooling2D"):
            inner = [_size(c["pool_size"])]
            inner += [f"strides {_size(c['strides'])}"] if tuple(c["strides"]) != tuple(c["pool_size"]) else []
            inner += ["same"] if c["padding"] == "same" else []
        elif self.cls == "Embedding":
            inner = [c["input_dim"], c["output_dim"]] + (["mask_zero"] if c["mask_zero"] else [])
        elif self.cls in RECURRENT:
            inner = [self.units] + ([self.activation] if self.activation != "tanh" else [])
            inner += ["sequences"] if c["return_sequences"] else []
            inner += ["reset_after=False"] if c.get("reset_after") is False else []
        else:
            inner = [x for x in (self.units, self.activation, self.rate) if x is not None]
        for key, (l1, l2) in self.regularizers.items():
            where = "" if key == "kernel_regularizer" else f" on {key.removesuffix('_regularizer')}"
            inner += [f"{name}={value:g}{where}" for name, value in (("l1", l1), ("l2", l2)) if value]
        return f"{self.cls}({', '.join(str(x) for x in inner)})" if inner else self.cls


def _size(pair: Any) -> str:
    return "x".join(str(v) for v in pair)


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
        return " -> ".join(layer.describe() for layer in self.layers if layer.cls != "InputLayer") or "no layers"


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
    if value.get("chain") is False:
        fail(say("your model is not a chain of layers: some layer takes its input from another than the layer "
                 "before it (a branch, a shared layer or a skip connection). The grader computes models whose layers "
                 "follow one another."), call=call,
             hint=say("Build the model as keras.Sequential([...]), or in the functional API with each layer called "
                      "on the output of the one before."))
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
        fail(say("layer {index} of your model is {what}. The grader accepts only these built-in Keras layers: "
                 "{layers}; it never runs custom layer code.", index=i, what=what, layers=", ".join(sorted(LAYERS))),
             call=call,
             hint=say("Build the model from Keras' built-in layers only (keras.layers.Conv2D, Dense, LSTM, ...), "
                      "with activations given by name."))
    settings = raw.get("settings") if isinstance(raw.get("settings"), dict) else {}
    activation = _activation(i, cls, "activation", settings.get("activation"), call)
    for key, default in UNSUPPORTED.items():
        if key in settings and settings[key] != default:
            fail(say("layer {index} ({cls}) sets {setting}={value}; the grader computes only Keras' default "
                     "{setting}={default}.", index=i, cls=cls, setting=key, value=repr(settings[key]),
                     default=repr(default)), call=call,
                 hint=say("Leave {setting} at its default.", setting=key))
    config = {key: _setting(i, cls, key, settings, call) for key in LAYERS[cls]}
    if cls == "BatchNormalization" and "axis" in settings and settings["axis"] not in (-1, [-1]):
        config["axis"] = settings["axis"]  # checked against the input's rank when the model runs
    if cls in RECURRENT:
        config["zero_output_for_mask"] = settings.get("zero_output_for_mask") is True
    weights = raw.get("weights") if isinstance(raw.get("weights"), list) else []
    if not all(isinstance(w, np.ndarray) and w.dtype.kind == "f" for w in weights):
        fail(say("layer {index} ({cls}) has weights that are not float arrays.", index=i, cls=cls), call=call)
    units = settings.get("units")
    rate = settings.get("rate")
    regularizers = raw.get("regularizers") if isinstance(raw.get("regularizers"), dict) else {}
    return LayerSpec(
        cls=cls,
        name=str(raw.get("name")),
        units=int(units) if isinstance(units, int) and not isinstance(units, bool) else None,
        activation=activation,
        rate=float(rate) if isinstance(rate, (int, float)) and not isinstance(rate, bool) else None,
        use_bias=bool(settings.get("use_bias", True)),
        params=sum(int(w.size) for w in weights),
        weights=tuple(weights),
        config=MappingProxyType(config),
        regularizers=MappingProxyType({str(key): _regularizer(i, cls, str(key), value, call)
                                       for key, value in regularizers.items()}),
    )


def _activation(i: int, cls: str, key: str, given: Any, call: str | None) -> str | None:
    """The canonical name of an activation setting (``key``), or None where there is none."""
    __tracebackhide__ = True
    name = ACTIVATION_ALIASES.get(given, given) if isinstance(given, str) else given
    if name is not None and name not in ACTIVATIONS:
        fail(say("layer {index} ({cls}) uses the activation {activation}, which is not a built-in one the grader "
                 "accepts ({accepted}).", index=i, cls=cls, activation=repr(name),
                 accepted=", ".join(sorted(ACTIVATIONS))), call=call)
    return name


# What each setting must be: (test, what the message says it should be).
_POSITIVE = (lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0, N_("a positive whole number"))
_PAIR = (lambda v: isinstance(v, list) and len(v) == 2 and all(isinstance(x, int) and x > 0 for x in v),
         N_("two positive whole numbers"))
_NUMBER = (lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and v >= 0,
           N_("a number"))
_FLAG = (lambda v: isinstance(v, bool), N_("True or False"))
_KINDS = {
    "units": _POSITIVE, "filters": _POSITIVE, "input_dim": _POSITIVE, "output_dim": _POSITIVE,
    "kernel_size": _PAIR, "strides": _PAIR, "pool_size": _PAIR,
    "padding": (lambda v: v in ("valid", "same"), N_("'valid' or 'same'")),
    "rate": _NUMBER, "epsilon": _NUMBER, "momentum": _NUMBER,
    "keepdims": _FLAG, "center": _FLAG, "scale": _FLAG, "mask_zero": _FLAG, "return_sequences": _FLAG,
    "reset_after": _FLAG,
    "recurrent_activation": (lambda v: isinstance(v, str), N_("a built-in activation's name")),
}


def _setting(i: int, cls: str, key: str, settings: dict, call: str | None) -> Any:
    __tracebackhide__ = True
    value = settings.get(key)
    check, wanted = _KINDS[key]
    if not check(value):
        fail(say("layer {index} ({cls}) has the setting {setting}={value}, which the grader cannot read; it should be "
                 "{wanted}.", index=i, cls=cls, setting=key, value=repr(value), wanted=say(wanted)), call=call)
    if key == "recurrent_activation":
        return _activation(i, cls, key, value, call)
    if key in ("rate", "epsilon", "momentum"):
        return float(value)
    return tuple(value) if isinstance(value, list) else value


REGULARIZER_CLASSES = ("L1", "L2", "L1L2")


def _regularizer(i: int, cls: str, key: str, raw: Any, call: str | None) -> tuple[float, float]:
    """``(l1, l2)`` from a described keras.regularizers.L1, L2 or L1L2."""
    __tracebackhide__ = True
    if not (isinstance(raw, dict) and raw.get("class") in REGULARIZER_CLASSES
            and str(raw.get("module")).startswith("keras")):
        name = raw.get("class") if isinstance(raw, dict) else type(raw).__name__
        fail(say("layer {index} ({cls}) has a {setting} of class {name}; the grader reads only Keras' "
                 "regularizers L1, L2 and L1L2.", index=i, cls=cls, setting=key, name=str(name)), call=call,
             hint=say("Use keras.regularizers.L2(factor) (or L1, L1L2)."))
    factors = tuple(float(raw.get(k, 0.0)) for k in ("l1", "l2"))
    return (factors[0], factors[1])


from autograde.models.forward import predict  # noqa: E402  (uses the specs above)
from autograde.models.rebuild import build  # noqa: E402

__all__ = ["LAYERS", "ACTIVATIONS", "LayerSpec", "ModelSpec", "build", "canonical", "predict", "read"]
