"""How long does ``autograde check`` make a learner wait?

Measures, in one run and on this machine:

* ``check``   the median wall time of ``autograde check --submission solutions``
              (a fresh process each time: start-up, fork server, sandboxed children);
* ``direct``  the same grader tests run in one fresh Python process without the engine:
              the learner functions are called in-process (no sandbox, no proxy);
* ``startup`` a fresh ``python -c "import numpy, pytest"``.

and prints the ratios check/direct and check/startup. Aim: check under 1 s and under
3x the start-up floor.

    python bench/check_latency.py [--runs 9] [EXERCISE ...]   (default: every exercise)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from autograde.config import find_course

ROOT = Path(__file__).resolve().parents[1]

# The engine-less floor: the graders' fixtures served by the solution modules directly.
DIRECT = r'''
import copy, importlib.util, sys, time, warnings, zlib
import numpy as np, pytest
from autograde.sandbox.proxy import CallRecord, Warning_, _mutations
from autograde.compare import format as fmt
from autograde.errors import StudentException

ROOT = sys.argv[1]
EXERCISES = sys.argv[2:]

class Direct:
    """A learner function called in this process: what the proxy does, minus the sandbox."""
    def __init__(self, fn, name):
        self.fn, self.name = fn, name
    def __call__(self, *args, **kwargs):
        return self.call(*args, **kwargs).value
    def call(self, *args, inplace=False, **kwargs):
        label = fmt.call(self.name, args, kwargs)
        sent = (list(args), kwargs)
        work = sent if inplace else copy.deepcopy(sent)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                value = self.fn(*work[0], **work[1])
            except Exception as exc:
                raise StudentException(label, type(exc).__name__, str(exc)) from None
        if isinstance(self.fn, type):
            value = Module(value)
        mutated = tuple(_mutations(copy.deepcopy(sent), work)) if not inplace else ()
        return CallRecord(label, value,
                          tuple(Warning_(w.category.__name__, str(w.message), w.filename, w.lineno) for w in caught),
                          mutated, 0.0)

class Module:
    """A module or object whose callables are called directly."""
    def __init__(self, target):
        self._target = target
    def __getattr__(self, name):
        value = getattr(self._target, name)
        return Direct(value, name) if callable(value) else value

def load(name):
    spec = importlib.util.spec_from_file_location(f"direct_{name}", f"{ROOT}/solutions/{name}.py")
    module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)
    return module

class Plugin:
    def pytest_configure(self, config):
        for m in ("points(n)", "hint(text)", "hidden", "timeout(s)"):
            config.addinivalue_line("markers", m)
    @pytest.fixture(scope="module")
    def reference(self, request):
        return load(request.node.path.stem.removeprefix("test_"))
    @pytest.fixture(scope="module")
    def student(self, request):
        return Module(load(request.node.path.stem.removeprefix("test_")))
    @pytest.fixture
    def rng(self, request):
        return np.random.default_rng([20261123, zlib.crc32(request.node.nodeid.encode())])

from autograde.grading import PYTEST_ARGS  # the same pytest settings as grading
code = pytest.main([*PYTEST_ARGS, "-m", "not hidden", f"--rootdir={ROOT}", "-c", "/dev/null",
                    *[f"{ROOT}/graders/test_{e}.py" for e in EXERCISES]], plugins=[Plugin()])
sys.exit(int(code))
'''


def median_time(command: list[str], runs: int) -> float:
    """Median wall time of ``command`` over ``runs`` runs (after one warm-up)."""
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                              env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"})
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"{command[:3]}... exited {done.returncode}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
        if i:  # the first run warms the page cache
            times.append(elapsed)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("exercises", nargs="*", help="exercises to grade (default: all)")
    options = parser.parse_args()
    runs = options.runs
    exercises = options.exercises or list(find_course(ROOT).exercises)
    autograde = [sys.executable, "-m", "autograde", "check", *exercises, "--submission", "solutions"]
    check = median_time(autograde, runs)
    direct = median_time([sys.executable, "-c", DIRECT, str(ROOT), *exercises], runs)
    startup = median_time([sys.executable, "-c", "import numpy, pytest"], runs)
    print(f"median of {runs} runs, this machine; exercises: {' '.join(exercises)}")
    print(f"  autograde check (sandboxed) {check * 1000:8.0f} ms")
    print(f"  direct, same tests, no sandbox {direct * 1000:5.0f} ms")
    print(f"  python + numpy + pytest      {startup * 1000:7.0f} ms")
    print(f"  ratio check / direct       {check / direct:9.2f}x")
    print(f"  ratio check / start-up     {check / startup:9.2f}x   (aim: < 3x, and check < 1000 ms)")


if __name__ == "__main__":
    main()
