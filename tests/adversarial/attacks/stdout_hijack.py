"""Harmless: at import it replaces ``sys.stdout``/``sys.stderr`` with writers that add fake
verdicts, closes descriptors 1 and 2, and registers an ``atexit`` hook that prints a fake
result document; its functions are the reference's."""

import atexit
import json
import os
import sys

EXERCISE = "activations"
HARMLESS = True
WHY = "make the output a reader sees claim results the grader did not give"


class Liar:
    def write(self, text):
        return len(text)

    def flush(self):
        pass


atexit.register(lambda: print(json.dumps({"schema": "autograde.result/1", "score": 999})))
sys.stdout = Liar()
sys.stderr = Liar()
os.close(1)
os.close(2)
