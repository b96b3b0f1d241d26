"""In the learner's child: a Keras model becomes plain data before it is sent.

Runs next to learner code, so the grader trusts none of it beyond being data: it
validates the description against an allowlist and, to evaluate a model, builds its own
from the validated description (:mod:`autograde.models`). Nothing here serialises code:
a ``Lambda`` or custom layer is described by its class name only.
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np

MARK = "__keras_model__"


def convert(value: Any) -> Any:
    """``value`` with every Keras model in it (top level or inside containers) described."""
    keras = sys.modules.get("keras")
    if keras is None:
        return value
    if isinstance(value, keras.Model):
        return describe(value)
    if isinstance(value, (list, tuple)):
        return type(value)(convert(v) for v in value) if type(value) in (list, tuple) else value
    if type(value) is dict:
        return {k: convert(v) for k, v in value.items()}
    return value


# The settings a layer's description carries, read from its get_config(): plain values only.
SETTINGS = ("units", "rate", "use_bias", "filters", "kernel_size", "strides", "padding", "data_format",
            "dilation_rate", "groups", "pool_size", "keepdims", "axis", "epsilon", "momentum", "center", "scale",
            "input_dim", "output_dim", "mask_zero", "return_sequences", "return_state", "go_backwards", "stateful",
            "zero_output_for_mask", "reset_after", "recurrent_activation", "renorm", "synchronized")
REGULARIZERS = ("kernel_regularizer", "bias_regularizer", "activity_regularizer", "recurrent_regularizer",
                "embeddings_regularizer", "beta_regularizer", "gamma_regularizer")


def describe(model: Any) -> dict[str, Any]:
    """Layers (class, the settings that matter, parameter counts, weights), input shape and
    compile settings of ``model``, as plain data."""
    # A functional model's operations include what is not a layer (x[:, -1] becomes GetItem):
    # described too, so that the grader refuses it instead of computing a model without it.
    operations = getattr(model, "operations", None)
    steps = list(operations) if isinstance(operations, list) else list(model.layers)
    layers = []
    for layer in steps:
        try:
            config = layer.get_config()
        except Exception:  # a custom layer without get_config: described by its class alone
            config = {}
        config = config if isinstance(config, dict) else {}
        settings: dict[str, Any] = {}
        for key in SETTINGS:
            value = _plain(config[key] if key in config else getattr(layer, key, None))
            if value is not None:
                settings[key] = value
        activation = getattr(layer, "activation", None)
        if activation is not None:
            settings["activation"] = str(getattr(activation, "__name__", type(activation).__name__))
        regularizers = {key: _regularizer(config[key]) for key in REGULARIZERS if config.get(key) is not None}
        weights = [np.array(w) for w in layer.get_weights()] if model.built and hasattr(layer, "get_weights") else []
        layers.append({
            "class": type(layer).__name__,
            "module": str(type(layer).__module__),
            "name": str(layer.name),
            "settings": settings,
            "regularizers": regularizers,
            "params": int(sum(w.size for w in weights)),
            "weights": weights,
        })
    input_shape = None
    if model.built and getattr(model, "inputs", None):
        input_shape = [None if d is None else int(d) for d in model.inputs[0].shape]
    return {
        MARK: 1,
        "class": type(model).__name__,
        "built": bool(model.built),
        "input_shape": input_shape,
        "layers": layers,
        "chain": operations is None or _chain(steps),
        "compile": _compile(model),
    }


def _chain(operations: list[Any]) -> bool:
    """Whether each operation of a functional model takes its one input from the one before."""
    try:
        for previous, operation in zip(operations, operations[1:]):
            nodes = operation._inbound_nodes
            if len(nodes) != 1:
                return False
            if [t._keras_history.operation for t in nodes[0].input_tensors] != [previous]:
                return False
    except (AttributeError, IndexError):  # another Keras' internals: say it is not a chain
        return False
    return True


def _plain(value: Any) -> Any:
    """A setting as plain data (tuples of numbers become lists), or None for anything else."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, (int, np.integer)) for v in value):
        return [int(v) for v in value]
    return None


def _regularizer(config: Any) -> dict[str, Any]:
    """``{"class": "L2", "l1": 0.0, "l2": 0.0001}`` from a serialised regulariser."""
    if not isinstance(config, dict):
        return {"class": type(config).__name__}
    inner = config.get("config") if isinstance(config.get("config"), dict) else {}
    described: dict[str, Any] = {"class": str(config.get("class_name")), "module": str(config.get("module"))}
    for key in ("l1", "l2"):
        if isinstance(inner.get(key), (int, float)):
            described[key] = float(inner[key])
    return described


def _compile(model: Any) -> dict[str, Any] | None:
    if not getattr(model, "compiled", False):
        return None
    try:
        config = model.get_compile_config() or {}
    except Exception:  # e.g. a lambda as loss: Keras cannot describe it; report what we can
        config = {"loss": getattr(model, "loss", None), "metrics": None}
    optimizer = config.get("optimizer")
    learning_rate = None
    optimizer_class = None
    if isinstance(optimizer, str):
        optimizer_class = optimizer
    elif isinstance(optimizer, dict):
        optimizer_class = str(optimizer.get("class_name"))
        rate = (optimizer.get("config") or {}).get("learning_rate")
        learning_rate = float(rate) if isinstance(rate, (int, float)) else None
    if getattr(model, "optimizer", None) is not None:
        optimizer_class = type(model.optimizer).__name__
        try:
            learning_rate = float(np.asarray(model.optimizer.learning_rate))
        except (TypeError, ValueError):
            pass  # a schedule: reported as None
    return {
        "optimizer": optimizer_class,
        "learning_rate": learning_rate,
        "loss": _name(config.get("loss")),
        "metrics": [_name(m) for m in (config.get("metrics") or [])] if isinstance(config.get("metrics"), list) else [],
    }


def _name(item: Any) -> str:
    """A loss or metric as a name: strings as given, objects and configs by class name."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        config = item.get("config")
        if item.get("class_name") == "function" and isinstance(config, str):
            return config  # keras.losses.mean_squared_error passed as a function
        if isinstance(config, dict) and item.get("class_name") in (None, "function"):
            return str(config.get("name") or "unknown")
        return str(item.get("class_name") or "unknown")
    return str(getattr(item, "__name__", type(item).__name__))
