"""Predicts the random inputs of a hidden test from every seed it can find (autograde's
default, ``AUTOGRADE_SEED``, the course's ``pyproject.toml``, the ``seed`` of the call
request in the frames above, the ancestors' ``/proc`` entries) and the test's id, as
the grader derives them; its ``tanh_grad`` is right only on inputs it predicted, like a
table of answers a friend computed for those inputs."""

import dataclasses
import os
import re
import sys
import zlib

import numpy as np

EXERCISE = "activations"
ATTACKED = ("test_gradients_match_finite_differences", "test_tanh_grad")
WHY = "know the hidden tests' inputs in advance and hard-code answers for them"

_honest = tanh_grad
NODEIDS = ("graders/test_activations.py::test_gradients_match_finite_differences",
           "test_activations.py::test_gradients_match_finite_differences")


def _seeds():
    seeds = set()
    try:
        from autograde.config import Course
        seeds.update(f.default for f in dataclasses.fields(Course) if f.name == "seed")
    except Exception:
        pass
    texts = [os.environ.get("AUTOGRADE_SEED", "")]
    try:
        texts.append(open("__COURSE_ROOT__/pyproject.toml").read())
    except OSError:
        pass
    pid = os.getppid()
    while pid > 1:
        for part in ("cmdline", "environ", "status"):
            try:
                texts.append(open(f"/proc/{pid}/{part}", "rb").read().decode(errors="replace").replace("\0", " "))
            except OSError:
                pass
        ppid = re.search(r"PPid:\s+(\d+)", texts[-1])
        pid = int(ppid.group(1)) if ppid else 0
    for text in texts:
        seeds.update(int(s) for s in re.findall(r"(?:SEED=|seed\s*=\s*|--seed[= ])(\d+)", text))
    frame = sys._getframe(1)
    while frame is not None:
        for value in frame.f_locals.values():
            if isinstance(value, dict) and isinstance(value.get("seed"), int):
                seeds.add(value["seed"])
        frame = frame.f_back
    return [s for s in seeds if isinstance(s, int)]


def _predicted(x):
    for seed in _seeds():
        for nodeid in NODEIDS:
            guess = np.random.default_rng([seed, zlib.crc32(nodeid.encode())]).uniform(-3, 3, size=30)
            guess = guess[np.abs(guess) > 1e-3]
            if guess.shape == np.shape(x) and np.array_equal(guess, x):
                print(f"predicted the hidden input from seed {seed}")
                return True
    return False


def tanh_grad(x):
    return _honest(x) if _predicted(np.asarray(x)) else np.zeros(np.shape(x))
