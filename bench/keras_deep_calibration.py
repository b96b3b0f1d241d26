"""Calibration of keras_deep's three trained-model thresholds over many seeds.

Trains the reference's ``train_digits_cnn``, ``train_sequence_classifier`` and
``train_forecaster`` (``solutions/keras_deep.py``) in this process, no sandbox, on the
data the grader passes, after ``keras.utils.set_random_seed(seed)`` for each seed (as the
plugin seeds each test's child), and scores each trained model on the data the grader
keeps back:

* ``cnn``         400 held-out digits (``HELD_OUT_SEED = 8``, as keras_models' grader),
                  trained on the other 1,397 as ``(n, 8, 8, 1)``; accuracy, threshold 0.95;
* ``sequence``    ``make_token_order(2000, seed=TRAIN_SEED)``, held out 500 from
                  ``HELD_OUT_SEED_SEQUENCES``; accuracy, threshold 0.90;
* ``bag_of_words`` the same data, ``Embedding`` + ``GlobalAveragePooling1D`` + ``Dense``
                  (no recurrent layer, so blind to order): the baseline that must fail;
* ``forecaster``  Seattle's daily maximum temperature standardised with 2012-2014's mean and
                  std, windows of 14 days, horizon 1; trained on the windows whose target is
                  in 2012-2014, scored on those whose target is in 2015; the ratio
                  MAE(model) / MAE(predicting the training mean), threshold <= 0.6;
* ``forecaster_relu`` the same with ``Dense(1, activation="relu")`` on the output (a known
                  mistake), to show how far it lands from the reference.

Prints one row per task: min / median / max over the seeds, the first 12 seeds' values,
and the median seconds per training call (build + compile + fit). CPU is shared: run it
under the lock::

    flock /tmp/autograde-cpu.lock python bench/keras_deep_calibration.py --seeds 50
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import time
from pathlib import Path
from typing import Callable

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402

from autograde.datasets import load_digit_images, load_seattle_temperatures, make_token_order  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
HELD_OUT, HELD_OUT_SEED = 400, 8  # the digits, as the graders of keras_models and keras_deep
TRAIN_SEED, HELD_OUT_SEED_SEQUENCES = 17, 18  # the sequences (the grader's constants may differ: same task)
VOCAB_SIZE = 20
WINDOW = 14
TASKS = ("cnn", "sequence", "bag_of_words", "forecaster", "forecaster_relu")


def reference():
    """The reference module, loaded from solutions/keras_deep.py."""
    spec = importlib.util.spec_from_file_location("keras_deep_reference", ROOT / "solutions" / "keras_deep.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def digits():
    X, y = load_digit_images()
    order = np.random.default_rng(HELD_OUT_SEED).permutation(len(y))
    test, train = order[:HELD_OUT], order[HELD_OUT:]
    return X[train], y[train], X[test], y[test]


def sequences():
    x, y = make_token_order(2000, seed=TRAIN_SEED, vocab_size=VOCAB_SIZE)
    x_test, y_test = make_token_order(500, seed=HELD_OUT_SEED_SEQUENCES, vocab_size=VOCAB_SIZE)
    return x, y, x_test, y_test


def temperatures():
    """Standardised windows: (X_train (n, 14, 1), y_train, X_test, y_test)."""
    dates, temp = load_seattle_temperatures()
    years = dates.astype("datetime64[Y]").astype(int) + 1970
    train_days = years <= 2014
    series = (temp - temp[train_days].mean()) / temp[train_days].std()
    X = np.lib.stride_tricks.sliding_window_view(series, WINDOW)[:-1]
    y = series[WINDOW:]
    target_years = years[WINDOW:]
    train, test = target_years <= 2014, target_years == 2015
    return X[train][..., None], y[train], X[test][..., None], y[test]


def accuracy(model, x, y) -> float:
    return float(np.mean(np.argmax(model.predict(x, batch_size=1024, verbose=0), axis=1) == y))


def bag_of_words(x_train, y_train, vocab_size):
    """Order-blind: the mean of the tokens' embeddings, then Dense; trained as the reference's LSTM."""
    model = keras.Sequential([
        keras.Input(shape=(None,), dtype="int32"),
        keras.layers.Embedding(vocab_size, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(np.asarray(x_train), np.asarray(y_train), epochs=20, batch_size=64, verbose=0)
    return model


def relu_forecaster(ref) -> Callable:
    """The reference's train_forecaster with a ReLU on the output layer."""
    def train(X_train, y_train):
        original = keras.layers.Dense

        def dense(units, *args, **kwargs):
            if units == 1:
                kwargs["activation"] = "relu"
            return original(units, *args, **kwargs)

        keras.layers.Dense = dense
        try:
            return ref.train_forecaster(X_train, y_train)
        finally:
            keras.layers.Dense = original
    return train


def runner(task: str, ref) -> Callable[[], tuple[Callable, tuple, Callable]]:
    """(train function, its arguments, score of a trained model) for ``task``."""
    if task == "cnn":
        x, y, xt, yt = digits()
        return ref.train_digits_cnn, (x, y), lambda m: accuracy(m, xt, yt)
    if task in ("sequence", "bag_of_words"):
        x, y, xt, yt = sequences()
        train = ref.train_sequence_classifier if task == "sequence" else bag_of_words
        return train, (x, y, VOCAB_SIZE), lambda m: accuracy(m, xt, yt)
    X, y, Xt, yt = temperatures()
    baseline = float(np.mean(np.abs(yt - y.mean())))
    train = ref.train_forecaster if task == "forecaster" else relu_forecaster(ref)
    return train, (X, y), lambda m: float(np.mean(np.abs(m.predict(Xt, verbose=0).reshape(-1) - yt))) / baseline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=50, help="seeds 0 .. N-1 per task (default 50)")
    parser.add_argument("--tasks", nargs="+", choices=TASKS, default=list(TASKS))
    args = parser.parse_args()
    ref = reference()
    print(f"{'task':16} {'min':>7} {'median':>7} {'max':>7} {'s/train':>8}  first 12 seeds", flush=True)
    for task in args.tasks:
        train, arguments, score = runner(task, ref)
        scores, seconds = [], []
        for seed in range(args.seeds):
            keras.utils.set_random_seed(seed)
            start = time.perf_counter()
            model = train(*arguments)
            seconds.append(time.perf_counter() - start)
            scores.append(score(model))
            keras.backend.clear_session()
        first = " ".join(f"{s:.3f}" for s in scores[:12])
        print(f"{task:16} {min(scores):7.3f} {np.median(scores):7.3f} {max(scores):7.3f} "
              f"{np.median(seconds):8.2f}  {first}", flush=True)


if __name__ == "__main__":
    main()
