"""Small data sets graders use, read offline from files that installed packages ship.

Nothing here downloads. The 8x8 digits come from scikit-learn's bundled
``datasets/data/digits.csv.gz`` (1,797 images, UCI ML hand-written digits), read with
NumPy directly: importing scikit-learn itself would cost about a second per grading run.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
from pathlib import Path

import numpy as np

from autograde.errors import ConfigError


def _package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(f"the package {package!r} is not installed; it ships the data this grader needs")
    path = Path(list(spec.submodule_search_locations)[0]).joinpath(*parts)
    if not path.is_file():
        raise ConfigError(f"{path} is missing from the installed {package!r}")
    return path


@functools.lru_cache(maxsize=1)
def _digits() -> tuple[np.ndarray, np.ndarray]:
    with gzip.open(_package_file("sklearn", "datasets", "data", "digits.csv.gz"), "rt") as f:
        table = np.loadtxt(f, delimiter=",")
    return table[:, :-1] / 16.0, table[:, -1].astype(np.int64)


def load_digits() -> tuple[np.ndarray, np.ndarray]:
    """``(X, y)``: ``X`` float64 ``(1797, 64)`` with values in ``[0, 1]`` (pixel / 16),
    ``y`` int64 labels 0-9. Reshape ``X`` to ``(n, 8, 8)`` for image-shaped exercises."""
    X, y = _digits()
    return X.copy(), y.copy()


def _shipped_csv(name: str) -> tuple[list[str], list[list[str]]]:
    """(header, rows) of a file in ``autograde/data/``: comma-separated fields, no quoting,
    ``#`` lines for provenance."""
    path = Path(__file__).parent / "data" / name
    if not path.is_file():
        raise ConfigError(f"{path} is missing: reinstall autograde with its package data")
    with path.open(encoding="utf-8") as f:
        header, *rows = (line.rstrip("\n").split(",") for line in f if not line.startswith("#"))
    return header, rows


@functools.lru_cache(maxsize=1)
def _auto_mpg() -> tuple[np.ndarray, np.ndarray]:
    _header, rows = _shipped_csv("auto_mpg.csv")
    table = np.array([[float(v) if v else np.nan for v in row] for row in rows], dtype=np.float64)
    table = table[~np.isnan(table).any(axis=1)]
    # columns: mpg, the six numeric features, origin (1, 2, 3)
    one_hot = (table[:, 7:8] == np.array([1.0, 2.0, 3.0])).astype(np.float64)
    return np.hstack([table[:, 1:7], one_hot]), table[:, 0]


def load_auto_mpg() -> tuple[np.ndarray, np.ndarray]:
    """``(X, y)``: the Auto MPG cars without missing values. ``X`` float64 ``(392, 9)``:
    cylinders, displacement (cubic inches), horsepower, weight (lbs), acceleration
    (s to 60 mph), model year (70-82), then origin one-hot (USA, Europe, Japan); ``y``
    float64 fuel efficiency in miles per gallon.

    Read from ``autograde/data/auto_mpg.csv``, converted once from vega-datasets' local
    ``cars.json`` (originally the UCI Machine Learning Repository's Auto MPG data); the
    14 rows with a missing mpg or horsepower are left out. Features are not scaled:
    standardise them before training."""
    X, y = _auto_mpg()
    return X.copy(), y.copy()


def load_digit_images() -> tuple[np.ndarray, np.ndarray]:
    """``(X, y)``: the digits of :func:`load_digits` as images for Keras' convolutions,
    ``X`` float64 ``(1797, 8, 8, 1)`` (samples, height, width, channels: Keras'
    ``channels_last``) with values in ``[0, 1]``, ``y`` int64 labels 0-9."""
    X, y = load_digits()
    return X.reshape(-1, 8, 8, 1), y


@functools.lru_cache(maxsize=1)
def _seattle() -> tuple[np.ndarray, np.ndarray]:
    header, rows = _shipped_csv("seattle_weather.csv")
    column = header.index("temp_max")
    dates = np.array([row[0] for row in rows], dtype="datetime64[D]")
    return dates, np.array([float(row[column]) for row in rows], dtype=np.float64)


def load_seattle_temperatures() -> tuple[np.ndarray, np.ndarray]:
    """``(dates, temp_max)``: Seattle's daily maximum temperature, 1,461 days from
    2012-01-01 to 2015-12-31 with none missing. ``dates`` is ``datetime64[D]``, ``temp_max``
    float64 degrees Celsius.

    Read from ``autograde/data/seattle_weather.csv``, converted once from vega-datasets'
    local ``seattle-weather.csv`` (NOAA's daily observations at Seattle-Tacoma airport, as
    the Vega project published them); the file keeps the other columns too."""
    dates, temp_max = _seattle()
    return dates.copy(), temp_max.copy()


ORDER_FIRST, ORDER_SECOND = 1, 2  # the two marker tokens of make_token_order


def make_token_order(n: int, *, seed: int, length: int = 12, vocab_size: int = 20) -> tuple[np.ndarray, np.ndarray]:
    """A generated sequence task whose labels depend on the order of the tokens.

    Returns ``(x, y)``: ``x`` int64 ``(n, length)`` token ids in ``[1, vocab_size)`` (0 is
    left free for padding), ``y`` int64 labels 0/1. Every sequence holds the marker tokens
    1 and 2 exactly once each, at two random positions, and ``length - 2`` filler tokens
    drawn uniformly from ``3 .. vocab_size - 1``; the label is 1 when token 1 comes before
    token 2. Both classes have the same distribution of token counts, so a model that sees
    only which tokens occur (a bag of words) is right half of the time at best; a recurrent
    layer has to remember which marker it met first.

    Generated, nothing read: the same ``seed`` gives the same sequences everywhere.
    """
    if length < 2 or vocab_size < 4:
        raise ValueError("the task needs length >= 2 and vocab_size >= 4 (two markers and fillers)")
    rng = np.random.default_rng(seed)
    x = rng.integers(3, vocab_size, size=(n, length))
    first, second = np.argsort(rng.random((n, length)), axis=1)[:, :2].T  # two distinct positions
    rows = np.arange(n)
    x[rows, first] = ORDER_FIRST
    x[rows, second] = ORDER_SECOND
    return x.astype(np.int64), (first < second).astype(np.int64)
