"""Written the way many tutorials do: tf.keras, Sequential().add(...), input_shape= on
the first layer instead of keras.Input, short strings ("mse", "acc", "rmsprop"), and a
validation split while training."""

import tensorflow as tf


def build_linear_regression():
    model = tf.keras.models.Sequential()
    model.add(tf.keras.layers.Dense(units=1, input_shape=[1]))
    model.compile(optimizer="sgd", loss="mse")
    return model


def build_mlp_classifier(input_shape=(28, 28), hidden_units=100, activation="relu", num_classes=10):
    model = tf.keras.models.Sequential()
    model.add(tf.keras.layers.Flatten(input_shape=input_shape))
    model.add(tf.keras.layers.Dense(hidden_units, activation=activation))
    model.add(tf.keras.layers.Dense(num_classes, activation="softmax"))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["acc"])
    return model


def build_regressor(num_features):
    model = tf.keras.Sequential([
        tf.keras.layers.Dense(64, activation="relu", input_shape=(num_features,)),
        tf.keras.layers.Dense(64, activation="relu"),
        tf.keras.layers.Dense(1),
    ])
    model.compile(optimizer="rmsprop", loss="mse", metrics=["mae"])
    return model


def train_digits_classifier(x_train, y_train):
    model = build_mlp_classifier(input_shape=(8, 8), hidden_units=100)
    model.compile(optimizer=tf.keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy", metrics=["acc"])
    model.fit(x_train, y_train, epochs=15, batch_size=32, validation_split=0.1, verbose=0)
    return model
