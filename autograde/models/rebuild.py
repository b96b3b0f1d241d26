"""A live Keras model made by the grader from a validated spec, for graders that train it further.

Only the validated settings reach Keras' constructors (never a learner's config or a
deserialiser); the weights are checked shape by shape before they are set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from autograde.models import LayerSpec, ModelSpec


def build(spec: ModelSpec) -> Any:
    """A Keras model made here from ``spec`` (validated), with its weights set.

    Raises ``ValueError`` when the weights do not fit the layers they claim to belong to.
    """
    import keras  # only graders of Keras exercises pay for the import

    if spec.input_shape is None:
        raise ValueError("the model was never built, so it has no input shape and no weights")
    built = [layer for layer in spec.layers if layer.cls != "InputLayer"]
    model = keras.Sequential([keras.Input(shape=spec.input_shape[1:]), *(_layer(keras, layer) for layer in built)])
    for made, layer in zip(model.layers, built):
        expected = [w.shape for w in made.get_weights()]
        if [w.shape for w in layer.weights] != expected:
            raise ValueError(f"the weights of {layer.name} have shapes {[w.shape for w in layer.weights]}, "
                             f"expected {expected}")
        made.set_weights(list(layer.weights))
    return model


def _layer(keras: Any, layer: LayerSpec) -> Any:
    c = dict(layer.config)
    regularizers = {key: keras.regularizers.L1L2(l1=l1, l2=l2) for key, (l1, l2) in layer.regularizers.items()}
    kinds = keras.layers
    if layer.cls == "Flatten":
        return kinds.Flatten()
    if layer.cls == "Dropout":
        return kinds.Dropout(layer.rate or 0.0)
    if layer.cls == "Dense":
        return kinds.Dense(layer.units, activation=layer.activation, use_bias=layer.use_bias, **regularizers)
    if layer.cls == "Conv2D":
        return kinds.Conv2D(c["filters"], c["kernel_size"], strides=c["strides"], padding=c["padding"],
                            activation=layer.activation, use_bias=layer.use_bias, **regularizers)
    if layer.cls in ("MaxPooling2D", "AveragePooling2D"):
        return getattr(kinds, layer.cls)(c["pool_size"], strides=c["strides"], padding=c["padding"])
    if layer.cls in ("GlobalAveragePooling1D", "GlobalAveragePooling2D"):
        return getattr(kinds, layer.cls)(keepdims=c["keepdims"])
    if layer.cls == "BatchNormalization":
        return kinds.BatchNormalization(epsilon=c["epsilon"], momentum=c["momentum"], center=c["center"],
                                        scale=c["scale"], **regularizers)
    if layer.cls == "Embedding":
        return kinds.Embedding(c["input_dim"], c["output_dim"], mask_zero=c["mask_zero"], **regularizers)
    recurrent: dict[str, Any] = {"activation": layer.activation, "use_bias": layer.use_bias,
                                 "return_sequences": c["return_sequences"],
                                 "zero_output_for_mask": c["zero_output_for_mask"], **regularizers}
    if layer.cls == "SimpleRNN":
        return kinds.SimpleRNN(layer.units, **recurrent)
    if layer.cls == "LSTM":
        return kinds.LSTM(layer.units, recurrent_activation=c["recurrent_activation"], **recurrent)
    if layer.cls == "GRU":
        return kinds.GRU(layer.units, recurrent_activation=c["recurrent_activation"], reset_after=c["reset_after"],
                         **recurrent)
    raise ValueError(f"no Keras layer is made for {layer.cls}")  # read() admits no other class
