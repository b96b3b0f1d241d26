"""Checks graders of Keras exercises share: a validated model's input, layers and compile settings.

Each fails the test with what the model holds beside what was expected (the model's
``summary()``), the call that made it, and the grader's ``hint``; the messages are
autograde's own (domain ``autograde``), the hints the course's.
"""

from __future__ import annotations

import math
from typing import Any, Mapping, Sequence

from autograde.compare import fail
from autograde.i18n.text import Message, say
from autograde.models import ModelSpec, read

# Keras keeps the learning rate as float32: 0.001 comes back as 0.0010000000474974513.
LR_RTOL = 1e-6

Hint = Message | None


def model_of(function: Any, *args: Any, **kwargs: Any) -> tuple[ModelSpec, str]:
    """Call the learner's builder in the child: (its model as a validated spec, the call as shown)."""
    __tracebackhide__ = True
    record = function.call(*args, **kwargs)
    return read(record.value, call=record.call), record.call


def check_input(spec: ModelSpec, call: str, shape: Sequence[int | None], hint: Hint) -> None:
    """The model is built and takes inputs of ``(None, *shape)``."""
    __tracebackhide__ = True
    if spec.input_shape is None:
        fail(say("your model has no input shape: it was never built, so it has no weights yet (a Sequential without "
                 "keras.Input waits for the first data it sees)."), call=call,
             hint=say("Start the model with keras.Input(shape={shape}): then Keras knows the input size and creates "
                      "every weight at once.", shape=str(tuple(shape))))
    if spec.input_shape[1:] != tuple(shape):
        fail(say("your model takes inputs of shape {shape}; expected {expected} (None is the batch size).",
                 shape=str(spec.input_shape), expected=str((None, *shape))), call=call, hint=hint)


def check_layers(spec: ModelSpec, call: str, expected: Sequence[str], hint: Hint) -> None:
    """The layer classes, in order (``keras.Input`` is not a layer of the model)."""
    __tracebackhide__ = True
    if spec.layer_classes() != list(expected):
        fail(say("your model's layers are {layers}; expected the layers {expected}.", layers=spec.summary(),
                 expected=" -> ".join(expected)), call=call, hint=hint)


def check_compile(spec: ModelSpec, call: str, *, optimizer: str, loss: str, learning_rate: float | None = None,
                  metric: str | None = None, hints: Mapping[str, Hint]) -> None:
    """Compiled, with ``optimizer`` (class name), ``learning_rate``, ``loss`` and ``metric``
    (canonical names); ``hints`` by what is wrong: ``optimizer``, ``learning_rate``, ``loss``,
    ``metric``."""
    __tracebackhide__ = True
    if not spec.compiled:
        fail(say("your model is not compiled: it has no optimizer, loss or metrics yet."), call=call,
             hint=say("Call model.compile(optimizer=..., loss=..., metrics=[...]) before `return model`."))
    if spec.optimizer != optimizer:
        fail(say("your model is compiled with the optimizer {got}; expected {expected}.", got=str(spec.optimizer),
                 expected=optimizer), call=call, hint=hints.get("optimizer"))
    if learning_rate is not None and not (spec.learning_rate is not None
                                          and math.isclose(spec.learning_rate, learning_rate, rel_tol=LR_RTOL)):
        fail(say("your optimizer's learning rate is not a number (a schedule?); expected {expected:g}.",
                 expected=learning_rate) if spec.learning_rate is None else
             say("your optimizer's learning rate is {got:.6g}; expected {expected:g}.", got=spec.learning_rate,
                 expected=learning_rate), call=call, hint=hints.get("learning_rate"))
    if spec.loss != loss:
        fail(say("your model is compiled with the loss {got}; expected {expected}.", got=str(spec.loss),
                 expected=loss), call=call, hint=hints.get("loss"))
    if metric is not None and metric not in spec.metrics:
        fail(say("your model's metrics are {got}; expected them to include {metric}.", got=str(list(spec.metrics)),
                 metric=metric), call=call, hint=hints.get("metric"))
