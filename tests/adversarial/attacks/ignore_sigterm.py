"""Ignores every catchable signal (SIGTERM, SIGINT, SIGHUP, SIGXCPU, ...) and loops: only
SIGKILL can end it."""

import signal

EXERCISE = "activations"
ATTACKED = ("test_relu_grad", "test_inputs_unchanged")
WHY = "survive a polite termination and keep the grader waiting"


def relu_grad(x):
    for sig in signal.Signals:
        try:
            signal.signal(sig, signal.SIG_IGN)
        except (OSError, ValueError, RuntimeError):
            pass
    while True:
        pass
