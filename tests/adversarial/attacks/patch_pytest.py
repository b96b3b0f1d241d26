"""Monkeypatches pytest at import, as far as it can reach it: every test function runs as
a no-op, reports are rewritten to "passed", ``pytest.fail`` does nothing; then returns
wrong values."""

import numpy as np

EXERCISE = "activations"
ATTACKED = ("test_relu_grad",)
WHY = "turn every failure into a pass inside pytest itself, as in graders that run pytest in-process"

try:
    import _pytest.python
    import _pytest.reports
    import _pytest.runner
    import pytest

    _pytest.python.Function.runtest = lambda self: None
    pytest.fail = lambda *a, **k: None
    _original = _pytest.runner.call_and_report

    def _always_passed(item, when, log=True, **kwargs):
        report = _original(item, when, log, **kwargs)
        report.outcome = "passed"
        report.longrepr = None
        return report

    _pytest.runner.call_and_report = _always_passed
    print("pytest patched")
except ImportError as exc:
    print("pytest not reachable:", exc)


def relu_grad(x):
    return np.full(np.shape(x), 0.5)
