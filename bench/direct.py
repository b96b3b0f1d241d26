"""The engine-less floor both benchmarks compare against: the same grader tests, run by
pytest in this process, with the learner's functions called directly (no sandbox, no
proxy, no copies across a boundary). Not a grader: a yardstick.

    python bench/direct.py SUBMISSION_DIR EXERCISE...   (exit status: pytest's)
"""

from __future__ import annotations

import copy
import importlib.util
import sys
import warnings
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from autograde.compare import format as fmt
from autograde.errors import StudentException
from autograde.grading import PYTEST_ARGS
from autograde.sandbox.keras_models import convert
from autograde.sandbox.proxy import CallRecord, Warning_, _mutations

ROOT = Path(__file__).resolve().parents[1]
SEED = 20261123


class Direct:
    """A learner function called in this process: what the proxy does, minus the sandbox."""

    def __init__(self, fn: Any, name: str, seed: list[int]) -> None:
        self.fn, self.name, self.seed = fn, name, seed

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.call(*args, **kwargs).value

    def call(self, *args: Any, inplace: bool = False, **kwargs: Any) -> CallRecord:
        label = fmt.call(self.name, args, kwargs)
        sent = (list(args), kwargs)
        work = sent if inplace else copy.deepcopy(sent)
        keras = sys.modules.get("keras")
        if keras is not None:
            keras.utils.set_random_seed(self.seed[0])
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                value = self.fn(*work[0], **work[1])
            except Exception as exc:
                raise StudentException(label, type(exc).__name__, str(exc)) from None
        value = Module(value, self.seed) if isinstance(self.fn, type) else convert(value)
        mutated = () if inplace else tuple(_mutations(copy.deepcopy(sent), work))
        found = tuple(Warning_(w.category.__name__, str(w.message), str(w.filename), w.lineno) for w in caught)
        return CallRecord(label, value, found, mutated, 0.0)


class Module:
    """A module or object whose callables are called directly."""

    def __init__(self, target: Any, seed: list[int]) -> None:
        self._target, self._seed = target, seed

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        return Direct(value, name, self._seed) if callable(value) else value


def _load(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Plugin:
    """Serves ``student`` from the submission's modules and ``reference`` from solutions."""

    def __init__(self, submission: Path) -> None:
        self.submission = submission
        self.seed = [0]

    def pytest_configure(self, config: pytest.Config) -> None:
        for marker in ("points(n)", "hint(text)", "hidden", "timeout(s)"):
            config.addinivalue_line("markers", marker)

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        self.seed[0] = (SEED ^ zlib.crc32(item.nodeid.encode())) & 0x7FFFFFFF

    @pytest.fixture(scope="module")
    def reference(self, request: pytest.FixtureRequest) -> Any:
        name = request.node.path.stem.removeprefix("test_")
        return _load(ROOT / "solutions" / f"{name}.py", f"direct_reference_{name}")

    @pytest.fixture(scope="module")
    def student(self, request: pytest.FixtureRequest) -> Any:
        name = request.node.path.stem.removeprefix("test_")
        return Module(_load(self.submission / f"{name}.py", f"direct_student_{name}"), self.seed)

    @pytest.fixture
    def rng(self, request: pytest.FixtureRequest) -> np.random.Generator:
        return np.random.default_rng([SEED, zlib.crc32(request.node.nodeid.encode())])


def run(submission: Path, exercises: list[str]) -> int:
    """Run the public tests of ``exercises`` on ``submission`` directly; pytest's exit code."""
    graders = [str(ROOT / "graders" / f"test_{e}.py") for e in exercises]
    return int(pytest.main([*PYTEST_ARGS, "-m", "not hidden", f"--rootdir={ROOT}", "-c", "/dev/null", *graders],
                           plugins=[Plugin(submission)]))


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1]), sys.argv[2:]))
