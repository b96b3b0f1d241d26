"""TensorFlow's start-up lines (absl's "before InitializeLog" warning, the oneDNN line),
which its C++ logging writes to fd 2 on import, never reach the person running autograde;
everything else written there still does."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from conftest import ROOT

NOISE = ("WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"
         "I0000 00:00:1796592314.723603   32108 port.cc:153] oneDNN custom operations are on. You may see slightly "
         "different numerical results due to floating-point round-off errors from different computation orders.\n"
         "2024-01-02 03:04:05.678901: I tensorflow/core/platform/cpu_feature_guard.cc:210] This TensorFlow binary "
         "is optimized to use available CPU instructions.\n")
KEPT = ("E0000 00:00:1796592314.723603   32108 cuda.cc:1] a real error\n"
        "/venv/site-packages/x.py:3: DeprecationWarning: a Python warning\n")


def test_only_the_start_up_noise_is_held_back() -> None:
    script = ("import os, sys\n"
              "from autograde.sandbox.zygote import without_startup_noise\n"
              f"without_startup_noise(lambda: (os.write(2, {NOISE.encode()!r}), sys.stderr.write({KEPT!r})))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0 and done.stderr == KEPT


@pytest.mark.skipif(importlib.util.find_spec("tensorflow") is None, reason="TensorFlow is not installed")
def test_check_of_a_keras_exercise_prints_no_tensorflow_start_up_lines() -> None:
    done = subprocess.run([sys.executable, "-m", "autograde", "check", "keras_models", "--submission", "solutions"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    printed = done.stdout + done.stderr
    for line in ("absl::InitializeLog", "port.cc", "oneDNN"):
        assert line not in printed
    assert "Total: " in done.stdout
